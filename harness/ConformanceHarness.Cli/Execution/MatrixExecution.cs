using System.Collections.Concurrent;
using System.Diagnostics;
using ConformanceHarness.Diagnostics;
using ConformanceHarness.Reporting;
using ConformanceHarness.Running;
using ConformanceHarness.Scenarios;
using ConformanceHarness.Targets;

namespace ConformanceHarness.Cli.Execution;

/// <summary>
/// Runs scenarios × targets: the targets start in parallel, each runs its scenarios with bounded concurrency as soon as
/// it greets, and every launched target is stopped at the end — also when one fails, and on Ctrl+C.
/// </summary>
public sealed class MatrixExecution
{
    private readonly ITargetLauncher launcher;
    private readonly ExecutionSettings settings;
    private readonly IRunProgress progress;

    // Every result as it ends, so that Ctrl+C can still report what finished.
    private readonly ConcurrentBag<ReportEntry> finished = [];

    public MatrixExecution(ITargetLauncher launcher, ExecutionSettings settings, IRunProgress progress)
    {
        this.launcher = launcher;
        this.settings = settings;
        this.progress = progress;
    }

    /// <summary>Results in plan order (targets as given, scenarios in catalog order), whatever order they finished in.</summary>
    public async Task<RunReport> RunAsync(IReadOnlyList<TargetPlan> plans, IReadOnlyList<ScenarioError> loadErrors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plans);
        // A target that turns out to be unusable as specified (a usage error) stops the others too.
        using var usage = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        (ReportTarget Target, IReadOnlyList<ReportEntry> Entries)[] outcomes;
        try
        {
            outcomes = await Task.WhenAll(plans.Select(async p =>
            {
                try
                {
                    return await RunTargetAsync(p, usage.Token).ConfigureAwait(false);
                }
                catch (TargetSpecException)
                {
                    await usage.CancelAsync().ConfigureAwait(false);
                    throw;
                }
            })).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new RunInterruptedException(Partial(plans, loadErrors), cancellationToken);
        }

        return new RunReport
        {
            Generated = DateTimeOffset.UtcNow,
            Targets = outcomes.Select(o => o.Target).ToList(),
            Entries = outcomes.SelectMany(o => o.Entries).ToList(),
            LoadErrors = loadErrors,
        };
    }

    /// <summary>What finished before Ctrl+C, in plan order (targets as given, scenarios in catalog order).</summary>
    private RunReport Partial(IReadOnlyList<TargetPlan> plans, IReadOnlyList<ScenarioError> loadErrors)
    {
        var order = plans
            .SelectMany(p => p.Scenarios.Select(s => (p.Profile.Name, s.Id)))
            .Select((key, index) => (key, index))
            .ToDictionary(x => x.key, x => x.index);
        return new RunReport
        {
            Generated = DateTimeOffset.UtcNow,
            Partial = true,
            Targets = [.. plans.Select(p => ReportTarget.From(p.Profile))],
            Entries = [.. finished.OrderBy(e => order.GetValueOrDefault((e.Result.Target, e.Scenario.Id), int.MaxValue))],
            LoadErrors = loadErrors,
        };
    }

    private async Task<(ReportTarget Target, IReadOnlyList<ReportEntry> Entries)> RunTargetAsync(TargetPlan plan, CancellationToken cancellationToken)
    {
        // Let every target start at once rather than one after another on the caller's thread.
        await Task.Yield();
        var profile = plan.Profile;
        RunningTarget? running = null;
        try
        {
            var clock = Stopwatch.StartNew();
            try
            {
                running = await launcher.StartAsync(profile, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not (OperationCanceledException or TargetSpecException) || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // "The harness could not run" is an Error on every scenario of this target, never a Fail.
                var error = e.Message;
                progress.TargetFailed(profile.Name, error);
                var failed = plan.Scenarios.Select(s => new ReportEntry(s, NotStarted(s, profile.Name, error))).ToList();
                failed.ForEach(finished.Add);
                return (ReportTarget.From(profile, error), failed);
            }

            PhaseTrace.Mark($"target {profile.Name} started");
            progress.TargetStarted(profile.Name, clock.Elapsed);
            var entries = await RunScenariosAsync(plan, running, cancellationToken).ConfigureAwait(false);
            return (ReportTarget.From(profile), entries);
        }
        finally
        {
            if (running is not null)
            {
                await running.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<IReadOnlyList<ReportEntry>> RunScenariosAsync(TargetPlan plan, RunningTarget running, CancellationToken cancellationToken)
    {
        using var session = new TargetSession(running, settings.Options, settings.ConcurrencyFor(plan.Profile));
        var entries = await session.RunAllAsync(
            plan.Scenarios,
            entry =>
            {
                PhaseTrace.Mark($"scenario {entry.Scenario.Id} finished");
                finished.Add(entry);
                progress.ScenarioFinished(entry);
            },
            cancellationToken).ConfigureAwait(false);
        if (session.Addresses.Refusals > 0)
        {
            // A limit is not a finding, but the user should know the run adapted to it (and why it took longer).
            var budgets = session.Addresses.Budgets;
            var from = budgets.Count == 1 ? string.Empty : $" on {budgets.Count} client addresses";
            progress.Log($"{plan.Profile.Name}: {session.Addresses.Refusals} connection(s) turned away before the greeting (a connection limit?), retried; connections at once{from} adapted from {budgets.Sum(b => b.Ceiling)} down to {budgets.Sum(b => b.Lowest)} at the least");
        }

        return entries;
    }

    private static ScenarioResult NotStarted(Scenario scenario, string target, string error) => new()
    {
        ScenarioId = scenario.Id,
        Target = target,
        Verdict = Verdict.Error,
        Summary = $"the target did not start: {error.Split('\n', 2)[0].Trim()}",
    };
}
