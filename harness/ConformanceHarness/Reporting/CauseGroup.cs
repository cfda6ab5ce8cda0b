using ConformanceHarness.Running;

namespace ConformanceHarness.Reporting;

/// <summary>
/// The results of one target not graded because of one cause: what every report prints once instead of once per
/// scenario ("54 scenarios not graded: the SMTP server greets 554, see smtp/rfc5321/4.3.1/greeting").
/// </summary>
public sealed record CauseGroup(string Target, string Key, string Text, string ReportedBy, int NotGraded)
{
    public override string ToString() => $"{NotGraded} scenario(s) not graded: {Text}, see {ReportedBy}";

    /// <summary>The groups of a report's results, in the order their causes first appear.</summary>
    public static IReadOnlyList<CauseGroup> Of(IEnumerable<DocumentResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return Group(results.Select(r => (r.Target, r.Cause?.Key, r.Cause?.Text, r.Cause?.ReportedBy)));
    }

    /// <summary>The groups of a run's results, in the order their causes first appear.</summary>
    public static IReadOnlyList<CauseGroup> Of(IEnumerable<ScenarioResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return Group(results.Select(r => (r.Target, r.Cause?.Key, r.Cause?.Text, r.CauseReportedBy)));
    }

    private static List<CauseGroup> Group(IEnumerable<(string Target, string? Key, string? Text, string? ReportedBy)> results) =>
        [.. results
            .Where(r => r.Key is not null && r.ReportedBy is not null)
            .GroupBy(r => (r.Target, r.Key))
            .Select(g => new CauseGroup(g.Key.Target, g.Key.Key!, g.First().Text!, g.First().ReportedBy!, g.Count()))];
}
