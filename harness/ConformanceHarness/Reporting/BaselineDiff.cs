namespace ConformanceHarness.Reporting;

/// <summary>How one scenario × target moved between a baseline report and this run.</summary>
public enum BaselineChange
{
    /// <summary>Same verdict (and the same foreseen-or-not) as in the baseline.</summary>
    Unchanged,

    /// <summary>Fails (unforeseen) or errors now, and did not in the baseline — or is not in the baseline at all.</summary>
    NewFailure,

    /// <summary>Failed or errored in the baseline, and passes (or warns, or is info) now.</summary>
    Fixed,

    /// <summary>Skip or inconclusive now, graded in the baseline: a check that no longer runs hides nothing silently.</summary>
    NewlySkipped,

    /// <summary>Any other verdict change (pass → warn, skip → pass, fail → skip is NewlySkipped…).</summary>
    Changed,

    /// <summary>In the baseline, not in this run (scenario removed or not selected).</summary>
    Gone,
}

public sealed record BaselineItem(BaselineChange Change, string Target, string Scenario, string? Before, string? After, DocumentResult? Result);

/// <summary>
/// <c>--baseline previous.json</c>: this run against an earlier JSON report, scenario × target by scenario × target. What
/// a server developer fixing known deviations one by one needs: the new failures (regressions), what got fixed, and
/// what quietly stopped being graded. <see cref="HasRegressions"/> is what <c>--fail-on regressions</c> gates on.
/// </summary>
public sealed record BaselineDiff(IReadOnlyList<BaselineItem> Items, IReadOnlyList<DocumentLoadError> NewLoadErrors)
{
    public IEnumerable<BaselineItem> Of(BaselineChange change) => Items.Where(i => i.Change == change);

    public int Count(BaselineChange change) => Items.Count(i => i.Change == change);

    /// <summary>A new failure, or a scenario file that loaded in the baseline and does not now.</summary>
    public bool HasRegressions => NewLoadErrors.Count > 0 || Items.Any(i => i.Change == BaselineChange.NewFailure);

    public static BaselineDiff Compare(ReportDocument baseline, ReportDocument current)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        var before = new Dictionary<(string, string), DocumentResult>();
        foreach (var result in baseline.Results)
        {
            before[result.Key] = result;
        }

        var items = new List<BaselineItem>();
        foreach (var now in current.Results)
        {
            before.TryGetValue(now.Key, out var then);
            items.Add(new BaselineItem(Classify(then, now), now.Target, now.Scenario, then is null ? null : Name(then), Name(now), now));
            before.Remove(now.Key);
        }

        items.AddRange(baseline.Results.Where(r => before.ContainsKey(r.Key)).Select(r => new BaselineItem(BaselineChange.Gone, r.Target, r.Scenario, Name(r), null, null)));
        var newLoadErrors = current.LoadErrors.Where(e => !baseline.LoadErrors.Any(b => b.File == e.File)).ToList();
        return new BaselineDiff(items, newLoadErrors);
    }

    public static BaselineChange Classify(DocumentResult? before, DocumentResult now)
    {
        ArgumentNullException.ThrowIfNull(now);
        var failsNow = ReportDocument.IsFailure(now);
        if (before is null)
        {
            return failsNow ? BaselineChange.NewFailure : BaselineChange.Unchanged;
        }

        var failedBefore = ReportDocument.IsFailure(before);
        if (Name(before) == Name(now))
        {
            return BaselineChange.Unchanged;
        }

        if (failsNow && !failedBefore)
        {
            return BaselineChange.NewFailure;
        }

        if (now.Verdict is DocumentVerdicts.Skip or DocumentVerdicts.Inconclusive && before.Verdict is not (DocumentVerdicts.Skip or DocumentVerdicts.Inconclusive))
        {
            return BaselineChange.NewlySkipped;
        }

        if (failedBefore && now.Verdict is DocumentVerdicts.Pass or DocumentVerdicts.Warn or DocumentVerdicts.Info)
        {
            return BaselineChange.Fixed;
        }

        return BaselineChange.Changed;
    }

    /// <summary>"fail" or "fail (expected)".</summary>
    public static string Name(DocumentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.ExpectedFailure ? $"{result.Verdict} (expected)" : result.Verdict;
    }
}
