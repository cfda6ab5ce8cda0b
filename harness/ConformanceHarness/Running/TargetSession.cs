using System.Diagnostics;
using ConformanceHarness.Delivery;
using ConformanceHarness.Reporting;
using ConformanceHarness.Scenarios;
using ConformanceHarness.Targets;

namespace ConformanceHarness.Running;

/// <summary>
/// "Run these scenarios on this target", the one way <c>run</c>, <c>compare</c>, <c>probe</c> and the NUnit conformance
/// cases do it. It owns what must hold per target whoever calls: at most <see cref="Concurrency"/> scenarios at once
/// (a scenario that only waits on a delivery oracle lends its slot: <see cref="ConcurrencySlots"/>); connections held at
/// once, fewer while the server turns connections away (<see cref="Budget"/>: a scenario counts its first connection,
/// its CONNECTs and the mailbox oracle's); scenarios holding a POP3 session on the test user's maildrop take turns with
/// each other and with mailbox-oracle reads (<see cref="MaildropUse.HoldsSession"/>, <see cref="MaildropTurn"/>); and a
/// scenario always ends in a result — an exception is the harness's own fault and becomes an Error, never one that escapes.
/// </summary>
public sealed class TargetSession : IDisposable
{
    private readonly ScenarioRunner runner;
    private readonly ConcurrencySlots slots;
    private readonly ServerExitWatch exits;

    // RFC 1939 §8: a server may lock the maildrop for a whole session, so two sessions on it must not overlap; the
    // mailbox oracle's reads take the same turn.
    private readonly MaildropTurn maildrop;

    public TargetSession(RunningTarget target, RunOptions options, int concurrency)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        Target = target;
        // The profile's step_timeout is a floor (a tarpitting server's replies need the margin); a longer one given wins.
        runner = new ScenarioRunner(target.Profile.StepTimeout is { } least && least > options.Wire.StepTimeout ? options.WithStepTimeout(least) : options);
        // A profile that names the server's per-address limit is reached from several client addresses where the launcher
        // could give it some (RunningTarget.ClientRoutes): the concurrency is then per address, each address's budget
        // ceiling the server's own limit.
        var spread = target.Profile.ConnectionsPerAddress is not null && target.ClientRoutes.Count > 0 && options.Polite is null;
        Concurrency = concurrency * (spread ? 1 + target.ClientRoutes.Count : 1);
        // Polite mode spaces scenarios out: none lends its slot, so the delay after each one still holds the others back.
        slots = new ConcurrencySlots(Concurrency, options.Polite is null ? 3 * Concurrency : 0);
        // The connection ceiling follows the slots (scenarios that lent theirs keep their connection open while they
        // wait), and never above the server's known per-address limit; a server that turns connections away brings it
        // down from there (AIMD).
        Addresses = new ClientAddresses(target, Math.Min(slots.Scheduled, target.Profile.ConnectionsPerAddress ?? int.MaxValue), spread);
        maildrop = target.Oracles.TryGetValue("mailbox", out var oracle) && oracle is MailboxOracle mailbox ? mailbox.Turn : new MaildropTurn();
        exits = new ServerExitWatch(target, options.RestartOnExit);
    }

    public RunningTarget Target { get; }

    public RunOptions Options => runner.Options;

    /// <summary>Scenarios run at once on this target, at most (waiting ones lend their slot).</summary>
    public int Concurrency { get; }

    /// <summary>The connections permitted now from the first client address, adapted to the server's limits; its lowest level and refusals, for reports.</summary>
    public ConnectionBudget Budget => Addresses.Budgets[0];

    /// <summary>The client addresses scenarios are spread over (one unless the target has <see cref="RunningTarget.ClientRoutes"/> and its profile a per-address limit).</summary>
    public ClientAddresses Addresses { get; }

    /// <summary>Scenarios at once per target when the user named no number: one for a live (third party's) server, to be polite.</summary>
    public static int DefaultConcurrency(string kind) => kind == "live" ? 1 : 4;

    /// <summary>
    /// Runs <paramref name="scenarios"/> (longest first with <see cref="RunOptions.Costs"/>) and returns their results in
    /// the order given, whatever order they started and finished in,
    /// each cause graded once (<see cref="CauseAttribution"/>);
    /// <paramref name="finished"/> hears of each as it ends (from several threads at once). In polite mode each scenario
    /// is followed by the polite delay before the next one starts.
    /// </summary>
    public async Task<IReadOnlyList<ReportEntry>> RunAllAsync(IReadOnlyList<Scenario> scenarios, Action<ReportEntry>? finished, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        var entries = new ReportEntry[scenarios.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = slots.Scheduled, CancellationToken = cancellationToken };
        // Longest first when an earlier run's durations are known (Parallel.ForEachAsync takes the items in order).
        var order = Options.Costs?.StartOrder(Target.Name, scenarios) ?? [.. Enumerable.Range(0, entries.Length)];
        await Parallel.ForEachAsync(order, parallel, async (i, token) =>
        {
            entries[i] = new ReportEntry(scenarios[i], await RunAsync(scenarios[i], token).ConfigureAwait(false));
            finished?.Invoke(entries[i]);
            if (Options.Polite is { } polite)
            {
                await Task.Delay(polite.Delay, token).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);

        // One cause, one finding: results that merely ran into another scenario's cause point to it.
        return CauseAttribution.Apply(entries);
    }

    /// <summary>One scenario, in turn with the others of this session. Throws only when <paramref name="cancellationToken"/> is cancelled.</summary>
    public Task<ScenarioResult> RunAsync(Scenario scenario, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return slots.RunAsync(
            () => MaildropUse.HoldsSession(scenario)
                ? maildrop.WithTurnAsync(ct => RunGuardedAsync(scenario, ct), cancellationToken)
                : RunGuardedAsync(scenario, cancellationToken),
            cancellationToken);
    }

    /// <summary>
    /// The connections a scenario may hold at once: its first, one per CONNECT, one for the mailbox oracle (a POP3
    /// session of its own). The capability probe's connection comes before the dialogue's, inside the same lease.
    /// </summary>
    public static int Connections(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return 1 + scenario.Steps.Count(s => s is ConnectStep) + (MaildropUse.ByOracle(scenario) ? 1 : 0);
    }

    private async Task<ScenarioResult> RunGuardedAsync(Scenario scenario, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            // The maildrop turn first (above), then the connections: a scenario waiting for its turn holds no permits.
            using var lease = await Addresses.AcquireAsync(Connections(scenario), cancellationToken).ConfigureAwait(false);
            // A server that exited is one cause, reported once (ServerExitWatch), not one error per scenario after it.
            return await exits.BeforeAsync(scenario, cancellationToken).ConfigureAwait(false)
                ?? await exits.AfterAsync(scenario, await runner.RunAsync(scenario, lease.Target, lease.Budget, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The runner grades whatever a server does; an exception here is the harness's own fault.
            return new ScenarioResult
            {
                ScenarioId = scenario.Id,
                Target = Target.Name,
                Verdict = Verdict.Error,
                Summary = $"harness error: {e.GetType().Name}: {e.Message}",
                Duration = clock.Elapsed,
            };
        }
    }

    public void Dispose()
    {
        slots.Dispose();
        exits.Dispose();
    }
}
