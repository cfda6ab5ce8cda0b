using System.Diagnostics;
using System.Globalization;
using ConformanceHarness.Cli.Execution;
using ConformanceHarness.Reporting;
using ConformanceHarness.Running;
using ConformanceHarness.Targets;
using Spectre.Console;

namespace ConformanceHarness.Bench;

/// <summary>
/// The benchmark: the catalog on warm targets (wall time, scenarios per second, memory), the raw-socket floor for
/// the same exchanges in the same run, the CLI's start to first verdict on a <c>process:</c> target, and the cold
/// start of every bundled target. Figures, not pass/fail: it exits 0 whatever the goals say.
/// </summary>
internal static class Benchmark
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var log = Logger(settings.Verbose);
        var (scenarios, errors) = CatalogPass.LoadCatalog(settings.Scenarios);
        foreach (var error in errors)
        {
            AnsiConsole.MarkupLine($"[yellow]not loaded: {Markup.Escape(error.ToString())}[/]");
        }

        var profiles = settings.Targets.Select(t => TargetResolver.Resolve(t)).ToList();
        var plans = TargetPlan.For(profiles, scenarios).Where(p => p.Scenarios.Count > 0).ToList();
        var execution = new ExecutionSettings { Concurrency = settings.Concurrency };
        var figures = new List<Figure>();
        var count = plans.Sum(p => p.Scenarios.Count);
        AnsiConsole.MarkupLine($"catalog: {scenarios.Count} scenarios; {count} scenario × target runs per pass on {string.Join(", ", plans.Select(p => p.Profile.Name))}; concurrency {settings.Concurrency} per target");

        await using (var warm = await WarmTargets.StartAsync(plans.Select(p => p.Profile).ToList(), log, cancellationToken).ConfigureAwait(false))
        {
            AnsiConsole.MarkupLine($"targets up in {warm.Startup.TotalSeconds:0.0}s; warm-up pass…");
            var (warmup, _, _) = await CatalogPass.RunAsync(warm, plans, execution, log, cancellationToken).ConfigureAwait(false);
            var harness = new List<TimeSpan>();
            var floor = new List<TimeSpan>();
            RunReport last = warmup;
            var allocatedBefore = GC.GetTotalAllocatedBytes();
            FloorClient.Outcome? floorOutcome = null;
            var perTarget = new List<IReadOnlyDictionary<string, TimeSpan>>();
            var gaps = new GapBreakdown();
            for (var i = 0; i < settings.Repeat; i++)
            {
                // Alternate harness and floor so that a noisy neighbour on the machine hurts both alike.
                await warm.SettleAsync(cancellationToken).ConfigureAwait(false);
                var (report, wall, progress) = await CatalogPass.RunAsync(warm, plans, execution, log, cancellationToken).ConfigureAwait(false);
                harness.Add(wall);
                perTarget.Add(progress.LastVerdict);
                last = report;

                // In the order the harness started them: the server's state between runs (Dovecot's per-IP penalty after
                // failed logins, reset by a successful one) depends on that order, and the floor must meet the same state.
                var scripts = report.Entries.Select(ReplayScript.From)
                    .OrderBy(s => progress.Started.TryGetValue((s.Target, s.ScenarioId), out var started) ? started : TimeSpan.MaxValue)
                    .ToList();
                await warm.SettleAsync(cancellationToken).ConfigureAwait(false);
                floorOutcome = await FloorClient.ReplayAsync(scripts, settings.Concurrency, cancellationToken).ConfigureAwait(false);
                floor.Add(floorOutcome.Wall);
                gaps.Add(report, floorOutcome);
                if (settings.Trace is { } trace)
                {
                    await RunTrace.AppendAsync(trace, i + 1, report, progress, floorOutcome, cancellationToken).ConfigureAwait(false);
                }
                AnsiConsole.MarkupLine($"pass {i + 1}: harness {Ms(wall)}, floor {Ms(floorOutcome.Wall)}{(floorOutcome.Stalled > 0 ? $" ({floorOutcome.Stalled} replay(s) got less than the harness did)" : string.Empty)}");
            }

            var allocatedPerPass = (GC.GetTotalAllocatedBytes() - allocatedBefore) / Math.Max(1, settings.Repeat);
            var harnessMedian = Median(harness);
            var floorMedian = Median(floor);
            var ratio = harnessMedian / floorMedian;
            var oracle = last.Entries.Where(e => ReplayScript.From(e).UsesOracle).ToList();
            figures.Add(new Figure("catalog on warm targets (median wall)", $"{Ms(harnessMedian)} (min {Ms(harness.Min())}, max {Ms(harness.Max())}, {settings.Repeat} passes)", "< 3 s", harnessMedian < TimeSpan.FromSeconds(3)));
            foreach (var plan in plans)
            {
                var name = plan.Profile.Name;
                var times = perTarget.Where(t => t.ContainsKey(name)).Select(t => t[name]).ToList();
                figures.Add(new Figure($"  {name}: {plan.Scenarios.Count} scenarios (median wall)", times.Count == 0 ? "?" : Ms(Median(times))));
            }

            figures.Add(new Figure("scenario runs per second", (count / harnessMedian.TotalSeconds).ToString("0", Invariant)));
            figures.Add(new Figure("floor: raw-socket replay (median wall)", $"{Ms(floorMedian)} (min {Ms(floor.Min())})"));
            figures.Add(new Figure("ratio harness / floor", ratio.ToString("0.00", Invariant), "≤ 1.2", ratio <= 1.2));
            figures.Add(new Figure("where the harness's extra time goes (per run: harness vs its replay)", string.Empty));
            figures.AddRange(gaps.Figures(top: 12));
            figures.Add(new Figure("slowest scenario runs", string.Join("; ", last.Entries.OrderByDescending(e => e.Result.Duration).Take(3).Select(e => $"{e.Result.ScenarioId} @ {e.Result.Target} {Ms(e.Result.Duration)}"))));
            if (oracle.Count > 0)
            {
                figures.Add(new Figure("runs waiting on a delivery oracle", $"{oracle.Count} (their oracle waits are not in the floor)"));
            }

            figures.Add(new Figure("peak working set (whole bench process)", MemoryFigures.Megabytes(MemoryFigures.PeakWorkingSet()), "< 200 MB", MemoryFigures.PeakWorkingSet() < 200L * 1024 * 1024));
            var gc = GC.GetGCMemoryInfo();
            figures.Add(new Figure("GC: heap after passes / allocated per pass / gen0-1-2", $"{MemoryFigures.Megabytes(gc.HeapSizeBytes)} / {MemoryFigures.Megabytes(allocatedPerPass)} / {GC.CollectionCount(0)}-{GC.CollectionCount(1)}-{GC.CollectionCount(2)}"));
            figures.Add(new Figure("verdicts of the last pass", last.Tally().ToString()));
        }

        if (settings.Cli)
        {
            figures.AddRange(await CliFiguresAsync(settings, cancellationToken).ConfigureAwait(false));
        }

        if (settings.Cold)
        {
            var bundled = BundledTargets.LoadAll();
            var cold = await ColdStart.MeasureAsync(bundled, scenarios, log, cancellationToken).ConfigureAwait(false);
            foreach (var outcome in cold)
            {
                figures.Add(new Figure($"cold start → first verdict: {outcome.Target}", outcome.Error ?? $"{Ms(outcome.FirstVerdict!.Value)} (greeted at {Ms(outcome.Greeted!.Value)})"));
            }

            var slowest = cold.Where(o => o.FirstVerdict is not null).Select(o => o.FirstVerdict!.Value).DefaultIfEmpty().Max();
            figures.Add(new Figure("cold start → first verdict: all bundled, in parallel", Ms(slowest)));
        }

        FigureTable.Write($"ConformanceHarness benchmark ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores)", figures);
        return 0;
    }

    private static async Task<IReadOnlyList<Figure>> CliFiguresAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "conformance-harness.dll");
        var command = settings.ProcessCommand ?? (AiosmtpdAvailable()
            ? "/usr/bin/python3 -m aiosmtpd -n -l 127.0.0.1:{port}"
            : $"dotnet {Path.Combine(AppContext.BaseDirectory, "conformance-bench.dll")} serve-smtp --port {{port}}");

        // The first start pays for the disk cache; the figure is the median of the next three.
        _ = await CliStartup.MeasureAsync(cli, command, cancellationToken).ConfigureAwait(false);
        var runs = new List<CliStartup.Outcome>();
        for (var i = 0; i < 3; i++)
        {
            runs.Add(await CliStartup.MeasureAsync(cli, command, cancellationToken).ConfigureAwait(false));
        }

        var median = runs.OrderBy(r => r.FirstVerdict).ElementAt(1);
        return
        [
            new Figure("CLI start → first verdict (process: target)", $"{Ms(median.FirstVerdict)} (target ready at {(median.TargetReady is { } r ? Ms(r) : "?")}, whole run {Ms(median.Exit)}, exit {median.ExitCode})", "< 1 s", median.FirstVerdict < TimeSpan.FromSeconds(1)),
            new Figure("  process target", command),
        ];
    }

    private static bool AiosmtpdAvailable()
    {
        try
        {
            using var probe = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-c", "import aiosmtpd"]) { RedirectStandardError = true, UseShellExecute = false });
            probe?.WaitForExit(10_000);
            return probe is { HasExited: true, ExitCode: 0 };
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    internal static Action<string> Logger(bool verbose) => line =>
    {
        if (verbose)
        {
            AnsiConsole.MarkupLine($"[grey]{Markup.Escape(line)}[/]");
        }
    };

    internal static TimeSpan Median(IReadOnlyList<TimeSpan> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    internal static string Ms(TimeSpan value) => value.TotalMilliseconds >= 10_000
        ? $"{value.TotalSeconds.ToString("0.0", Invariant)} s"
        : $"{value.TotalMilliseconds.ToString("0", Invariant)} ms";
}
