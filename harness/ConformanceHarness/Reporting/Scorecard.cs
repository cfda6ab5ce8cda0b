namespace ConformanceHarness.Reporting;

/// <summary>
/// A target's conformance score per level and overall, and the ranking of targets by it (for <c>compare</c> in a
/// classroom). A score is (pass + ½ warn) ÷ (pass + warn + fail + error) over the graded results: an error counts as
/// not passing (a server the harness could not talk to is not conformant), while skip, inconclusive and info results are
/// left out. Every Fail counts, foreseen or not: the score describes the server, and a profile's recorded deviation
/// (or a control's must_fail) is still a rule it breaks — "foreseen" decides only the exit code and the CI gate
/// (<see cref="Foreseen"/> is shown beside the score). No graded result → no score (null).
/// </summary>
public sealed record Scorecard(
    string Target,
    bool Control,
    IReadOnlyDictionary<string, int> Tally,
    IReadOnlyDictionary<string, double?> ScoreByLevel,
    double? Score,
    int SecurityFindings,
    int Foreseen)
{
    /// <summary>The levels that are scored, in the order reports show them.</summary>
    public static readonly IReadOnlyList<string> ScoredLevels = ["must", "security", "should"];

    public static Scorecard For(ReportDocument document, ReportTarget target)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(target);
        var results = document.Results.Where(r => r.Target == target.Name).ToList();
        var byLevel = ScoredLevels.ToDictionary(level => level, level => ScoreOf(results.Where(r => r.Level == level)));
        var findings = results.Count(r => r.Level == "security" && r.Verdict == DocumentVerdicts.Fail);
        var foreseen = results.Count(r => r.Verdict == DocumentVerdicts.Fail && r.ExpectedFailure);
        return new Scorecard(target.Name, target.Control, ReportDocument.TallyOf(results), byLevel, ScoreOf(results.Where(r => r.Level != "info")), findings, foreseen);
    }

    /// <summary>Every target's scorecard, best first: higher score, then fewer security findings, then name. Unscored last.</summary>
    public static IReadOnlyList<Scorecard> Rank(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return [.. document.Targets.Select(t => For(document, t))
            .OrderBy(s => s.Score is null)
            .ThenByDescending(s => s.Score ?? 0)
            .ThenBy(s => s.SecurityFindings)
            .ThenBy(s => s.Target, StringComparer.Ordinal)];
    }

    public static double? ScoreOf(IEnumerable<DocumentResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        double earned = 0;
        var graded = 0;
        foreach (var result in results)
        {
            switch (result.Verdict)
            {
                case DocumentVerdicts.Pass:
                    earned += 1;
                    graded++;
                    break;
                case DocumentVerdicts.Warn:
                    earned += 0.5;
                    graded++;
                    break;
                case DocumentVerdicts.Fail:
                case DocumentVerdicts.Error:
                    graded++;
                    break;
            }
        }

        return graded == 0 ? null : earned / graded;
    }

    /// <summary>"87 %" or "–".</summary>
    public static string Percent(double? score) =>
        score is { } s ? $"{Math.Floor(s * 1000) / 10:0.#} %" : "–";
}
