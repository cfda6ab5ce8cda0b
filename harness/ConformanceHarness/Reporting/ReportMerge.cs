namespace ConformanceHarness.Reporting;

/// <summary>
/// JSON reports made one (<c>merge</c>): the shards of a sharded run, or runs on different targets. Targets in the order
/// the reports first name them, each target's results in the order the reports hold them (shards are contiguous runs of
/// the plan, so the shards merged in order give the plan's order back). A scenario × target present twice is taken
/// from the later report, with a warning; load errors are kept once.
/// </summary>
public static class ReportMerge
{
    public static ReportDocument Merge(IReadOnlyList<ReportDocument> reports, ICollection<string>? warnings = null)
    {
        ArgumentNullException.ThrowIfNull(reports);
        if (reports.Count == 0)
        {
            throw new ArgumentException("nothing to merge", nameof(reports));
        }

        var targets = new List<ReportTarget>();
        var results = new Dictionary<(string Target, string Scenario), DocumentResult>();
        var order = new List<(string Target, string Scenario)>();
        var loadErrors = new List<DocumentLoadError>();
        foreach (var report in reports)
        {
            foreach (var target in report.Targets)
            {
                var known = targets.FindIndex(t => t.Name == target.Name);
                if (known < 0)
                {
                    targets.Add(target);
                }
                else if (target.StartError is not null && targets[known].StartError is null)
                {
                    // A target that did not start in one shard did not start: say so.
                    targets[known] = targets[known] with { StartError = target.StartError };
                }
            }

            foreach (var result in report.Results)
            {
                if (results.ContainsKey(result.Key))
                {
                    warnings?.Add($"{result.Scenario} on {result.Target} is in more than one report; the later one is kept");
                }
                else
                {
                    order.Add(result.Key);
                }

                results[result.Key] = result;
            }

            loadErrors.AddRange(report.LoadErrors.Where(e => !loadErrors.Contains(e)));
        }

        foreach (var name in order.Select(k => k.Target).Distinct(StringComparer.Ordinal).Where(n => targets.TrueForAll(t => t.Name != n)))
        {
            targets.Add(new ReportTarget { Name = name });
        }

        var targetIndex = targets.Select((t, i) => (t.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        var merged = order.Select(k => results[k]).OrderBy(r => targetIndex[r.Target]).ToList(); // OrderBy is stable
        return new ReportDocument
        {
            Generated = reports.Max(r => r.Generated),
            Summary = ReportDocument.TallyOf(merged),
            Targets = [.. targets.Select(t => t with { Summary = ReportDocument.TallyOf(merged.Where(r => r.Target == t.Name)) })],
            LoadErrors = loadErrors,
            Results = merged,
        };
    }
}
