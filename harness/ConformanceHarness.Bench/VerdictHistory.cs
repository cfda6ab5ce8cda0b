using ConformanceHarness.Running;

namespace ConformanceHarness.Bench;

/// <summary>Every run's verdict of each scenario on each target, and which of them changed.</summary>
internal sealed class VerdictHistory
{
    private readonly Dictionary<(string Target, string Scenario), List<(int Run, Verdict Verdict, string Summary)>> runs = [];

    /// <summary>Adds one run's results; returns how many scenario × target verdicts differ from their previous run.</summary>
    public int Add(int run, IEnumerable<ScenarioResult> results)
    {
        var changed = 0;
        foreach (var result in results)
        {
            var key = (result.Target, result.ScenarioId);
            if (!runs.TryGetValue(key, out var list))
            {
                runs[key] = list = [];
            }

            if (list.Count > 0 && list[^1].Verdict != result.Verdict)
            {
                changed++;
            }

            list.Add((run, result.Verdict, result.Summary));
        }

        return changed;
    }

    /// <summary>One line per scenario × target whose verdict was not the same in every run: the verdicts, and what each said first.</summary>
    public IReadOnlyList<string> Changed() =>
        runs.Where(r => r.Value.Select(v => v.Verdict).Distinct().Count() > 1)
            .OrderBy(r => r.Key.Target, StringComparer.Ordinal).ThenBy(r => r.Key.Scenario, StringComparer.Ordinal)
            .Select(r =>
            {
                var sequence = string.Concat(r.Value.Select(v => VerdictLetter(v.Verdict)));
                var first = r.Value.GroupBy(v => v.Verdict).Select(g => $"{g.Key} (first in run {g.First().Run}): {g.First().Summary}");
                return $"{r.Key.Scenario} @ {r.Key.Target}: {sequence} — {string.Join(" | ", first)}";
            })
            .ToList();

    private static char VerdictLetter(Verdict verdict) => verdict switch
    {
        Verdict.Pass => 'P',
        Verdict.Fail => 'F',
        Verdict.Warn => 'W',
        Verdict.Info => 'I',
        Verdict.Skip => 'S',
        Verdict.Inconclusive => '?',
        _ => 'E',
    };
}
