using ConformanceHarness.Reporting;

namespace ConformanceHarness.Bench;

/// <summary>
/// Where the harness's extra time goes: per scenario run, the harness's own duration against its replay's (both
/// measured inside the maildrop turn, so neither counts the wait for it), medians over the passes; per target, the
/// sums. The wall-time ratio says how much slower; this says which runs make it so.
/// </summary>
internal sealed class GapBreakdown
{
    private readonly Dictionary<(string Target, string Scenario), (List<TimeSpan> Harness, List<TimeSpan> Floor, bool Oracle)> runs = [];

    /// <summary>One measured pass: the harness's report and the floor's replay of it.</summary>
    public void Add(RunReport report, FloorClient.Outcome floor)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(floor);
        foreach (var entry in report.Entries)
        {
            Run(entry.Result.Target, entry.Result.ScenarioId).Harness.Add(entry.Result.Duration);
        }

        foreach (var (script, _, duration) in floor.Replays)
        {
            var run = Run(script.Target, script.ScenarioId);
            run.Floor.Add(duration);
            if (script.UsesOracle && !run.Oracle)
            {
                runs[(script.Target, script.ScenarioId)] = run with { Oracle = true };
            }
        }
    }

    /// <summary>The figures: per target the summed run times, then the <paramref name="top"/> largest differences.</summary>
    public IEnumerable<Figure> Figures(int top)
    {
        var paired = runs
            .Where(r => r.Value.Harness.Count > 0 && r.Value.Floor.Count > 0)
            .Select(r => (r.Key.Target, r.Key.Scenario, r.Value.Oracle, Harness: Benchmark.Median(r.Value.Harness), Floor: Benchmark.Median(r.Value.Floor)))
            .ToList();
        foreach (var target in paired.GroupBy(p => p.Target))
        {
            var harness = target.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Harness);
            var floor = target.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Floor);
            var oracle = target.Where(p => p.Oracle).Aggregate(TimeSpan.Zero, (sum, p) => sum + (p.Harness - p.Floor));
            yield return new Figure(
                $"  {target.Key}: sum of run times, harness / replay (medians)",
                $"{Benchmark.Ms(harness)} / {Benchmark.Ms(floor)} (+{Benchmark.Ms(harness - floor)}, of which {Benchmark.Ms(oracle)} in runs with an oracle)");
        }

        foreach (var p in paired.OrderByDescending(p => p.Harness - p.Floor).Take(top))
        {
            yield return new Figure(
                $"  +{Benchmark.Ms(p.Harness - p.Floor)} {p.Scenario} @ {p.Target}{(p.Oracle ? " (oracle)" : string.Empty)}",
                $"harness {Benchmark.Ms(p.Harness)}, replay {Benchmark.Ms(p.Floor)}");
        }
    }

    private (List<TimeSpan> Harness, List<TimeSpan> Floor, bool Oracle) Run(string target, string scenario)
    {
        if (!runs.TryGetValue((target, scenario), out var run))
        {
            run = ([], [], false);
            runs[(target, scenario)] = run;
        }

        return run;
    }
}
