using System.Diagnostics;
using ConformanceHarness.Reporting;
using ConformanceHarness.Scenarios;
using ConformanceHarness.Targets;

namespace ConformanceHarness.Running;

/// <summary>
/// "Run these scenarios on this target", the one way <c>run</c>, <c>compare</c>, <c>probe</c> and the NUnit conformance
/// cases do it. It owns what must hold per target whoever calls: at most <see cref="Concurrency"/> connections at once,
/// fewer while the server turns connections away (<see cref="Budget"/>: a scenario counts its first connection, its
/// CONNECTs and the mailbox oracle's), scenarios that open the test user's maildrop take turns
/// (<see cref="MaildropUse"/>), and a scenario always ends in a result — an exception is the harness's own fault and
/// becomes an Error, never one that escapes.
/// </summary>
public sealed class TargetSession : IDisposable
{
    private readonly ScenarioRunner runner;
    private readonly ServerExitWatch exits;

    // RFC 1939 §8: a server may lock the maildrop for a whole session, so two scenarios opening it must not overlap.
    private readonly SemaphoreSlim maildrop = new(1, 1);

    public TargetSession(RunningTarget target, RunOptions options, int concurrency)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        Target = target;
        // The profile's step_timeout is a floor (a tarpitting server's replies need the margin); a longer one given wins.
        runner = new ScenarioRunner(target.Profile.StepTimeout is { } least && least > options.Wire.StepTimeout ? options.WithStepTimeout(least) : options);
        Concurrency = concurrency;
        Budget = new ConnectionBudget(concurrency);
        exits = new ServerExitWatch(target, options.RestartOnExit);
    }

    public RunningTarget Target { get; }

    public RunOptions Options => runner.Options;

    /// <summary>Connections open at once on this target, at most (a scenario that needs more runs alone).</summary>
    public int Concurrency { get; }

    /// <summary>The connections permitted now, adapted to the server's limits; its lowest level and refusals, for reports.</summary>
    public ConnectionBudget Budget { get; }

    /// <summary>Scenarios at once per target when the user named no number: one for a live (third party's) server, to be polite.</summary>
    public static int DefaultConcurrency(string kind) => kind == "live" ? 1 : 4;

    /// <summary>
    /// Runs <paramref name="scenarios"/> and returns their results in the order given, whatever order they finished in;
    /// <paramref name="finished"/> hears of each as it ends (from several threads at once). In polite mode each scenario
    /// is followed by the polite delay before the next one starts.
    /// </summary>
    public async Task<IReadOnlyList<ReportEntry>> RunAllAsync(IReadOnlyList<Scenario> scenarios, Action<ReportEntry>? finished, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        var entries = new ReportEntry[scenarios.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, entries.Length), parallel, async (i, token) =>
        {
            entries[i] = new ReportEntry(scenarios[i], await RunAsync(scenarios[i], token).ConfigureAwait(false));
            finished?.Invoke(entries[i]);
            if (Options.Polite is { } polite)
            {
                await Task.Delay(polite.Delay, token).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
        return entries;
    }

    /// <summary>One scenario, in turn with the others of this session. Throws only when <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task<ScenarioResult> RunAsync(Scenario scenario, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var clock = Stopwatch.StartNew();
        var exclusive = MaildropUse.Of(scenario);
        if (exclusive)
        {
            await maildrop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            // The maildrop turn first, then the connections: a scenario waiting for its turn holds no connection permits.
            using var lease = await Budget.AcquireAsync(Connections(scenario), cancellationToken).ConfigureAwait(false);
            // A server that exited is one cause, reported once (ServerExitWatch), not one error per scenario after it.
            return await exits.BeforeAsync(scenario, cancellationToken).ConfigureAwait(false)
                ?? await exits.AfterAsync(scenario, await runner.RunAsync(scenario, Target, Budget, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
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
        finally
        {
            if (exclusive)
            {
                maildrop.Release();
            }
        }
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

    public void Dispose()
    {
        maildrop.Dispose();
        exits.Dispose();
    }
}
