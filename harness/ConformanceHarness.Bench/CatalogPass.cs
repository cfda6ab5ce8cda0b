using System.Diagnostics;
using ConformanceHarness.Cli.Execution;
using ConformanceHarness.Reporting;
using ConformanceHarness.Scenarios;
using ConformanceHarness.Targets;

namespace ConformanceHarness.Bench;

/// <summary>One pass of the catalog over the targets, through the CLI's own execution (same concurrency, same serialisation).</summary>
internal static class CatalogPass
{
    public static async Task<(RunReport Report, TimeSpan Wall, QuietProgress Progress)> RunAsync(
        ITargetLauncher launcher, IReadOnlyList<TargetPlan> plans, ExecutionSettings settings, Action<string> log, CancellationToken cancellationToken)
    {
        var progress = new QuietProgress(log);
        var clock = Stopwatch.StartNew();
        var report = await new MatrixExecution(launcher, settings, progress).RunAsync(plans, [], cancellationToken).ConfigureAwait(false);
        return (report, clock.Elapsed, progress);
    }

    /// <summary>The catalog of the repository (scenarios/), and its load errors.</summary>
    public static (IReadOnlyList<Scenario> Scenarios, IReadOnlyList<ScenarioError> Errors) LoadCatalog(string? folder)
    {
        var root = folder ?? Path.Combine(RepositoryLayout.FindRoot() ?? throw new InvalidOperationException("run the bench inside the repository, or give --scenarios"), "scenarios");
        return ScenarioLoader.LoadDirectory(root);
    }
}
