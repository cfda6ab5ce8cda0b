using System.Diagnostics;
using ConformanceHarness.Cli.Execution;
using ConformanceHarness.Running;
using ConformanceHarness.Targets;
using Spectre.Console;

namespace ConformanceHarness.Bench;

/// <summary>
/// The soak: the whole catalog on every bundled target, run after run on the same started targets (so state a
/// scenario leaves behind — a mailbox that grows, a lock not released — shows up), bounded by a count and a time.
/// Reports every scenario whose verdict changed between runs; exits 1 if any did.
/// </summary>
internal static class Soak
{
    public static async Task<int> RunAsync(IReadOnlyList<string> targets, int runs, TimeSpan maxTime, int concurrency, string? scenarioFolder, bool verbose, CancellationToken cancellationToken)
    {
        var log = Benchmark.Logger(verbose);
        var (scenarios, errors) = CatalogPass.LoadCatalog(scenarioFolder);
        foreach (var error in errors)
        {
            AnsiConsole.MarkupLine($"[yellow]not loaded: {Markup.Escape(error.ToString())}[/]");
        }

        var profiles = targets.Count > 0 ? targets.Select(t => TargetResolver.Resolve(t)).ToList() : [.. BundledTargets.LoadAll()];
        var plans = TargetPlan.For(profiles, scenarios).Where(p => p.Scenarios.Count > 0).ToList();
        var execution = new ExecutionSettings { Concurrency = concurrency };
        var history = new VerdictHistory();
        var clock = Stopwatch.StartNew();
        var done = 0;
        AnsiConsole.MarkupLine($"soak: {plans.Sum(p => p.Scenarios.Count)} scenario × target runs per pass on {plans.Count} targets, up to {runs} passes or {maxTime.TotalMinutes:0} min");
        await using (var warm = await WarmTargets.StartAsync(plans.Select(p => p.Profile).ToList(), log, cancellationToken).ConfigureAwait(false))
        {
            var descriptors = MemoryFigures.OpenDescriptors();
            var workingSet = MemoryFigures.WorkingSet();
            AnsiConsole.MarkupLine($"targets up in {warm.Startup.TotalSeconds:0.0}s; {descriptors} open descriptors, working set {MemoryFigures.Megabytes(workingSet)}");
            while (done < runs && clock.Elapsed < maxTime)
            {
                var (report, wall, _) = await CatalogPass.RunAsync(warm, plans, execution, log, cancellationToken).ConfigureAwait(false);
                done++;
                var changed = history.Add(done, report.Entries.Select(e => e.Result));
                AnsiConsole.MarkupLine($"run {done,2}: {Benchmark.Ms(wall),8}  {Markup.Escape(report.Tally().ToString())}; {MemoryFigures.OpenDescriptors()} descriptors, working set {MemoryFigures.Megabytes(MemoryFigures.WorkingSet())}{(changed > 0 ? $"  [red]{changed} verdict(s) changed[/]" : string.Empty)}");
            }
        }

        var flaky = history.Changed();
        AnsiConsole.MarkupLine($"soak: {done} run(s) in {clock.Elapsed.TotalMinutes:0.0} min; scenarios whose verdict changed between runs: [{(flaky.Count == 0 ? "green" : "red")}]{flaky.Count}[/]");
        foreach (var line in flaky)
        {
            AnsiConsole.MarkupLine($"  [red]{Markup.Escape(line)}[/]");
        }

        return flaky.Count == 0 ? 0 : 1;
    }
}
