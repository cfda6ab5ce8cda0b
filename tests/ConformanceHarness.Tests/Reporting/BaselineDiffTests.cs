using ConformanceHarness.Reporting;

namespace ConformanceHarness.Tests.Reporting;

/// <summary><c>--baseline</c>: every kind of change, classified once.</summary>
public sealed class BaselineDiffTests
{
    private static DocumentResult R(string scenario, string verdict, bool expected = false, string target = "t") =>
        new() { Scenario = scenario, Target = target, Verdict = verdict, ExpectedFailure = expected };

    private static ReportDocument D(params DocumentResult[] results) => new() { Results = results };

    [TestCase("pass", false, "fail", false, BaselineChange.NewFailure)]
    [TestCase("pass", false, "error", false, BaselineChange.NewFailure)]
    [TestCase("skip", false, "fail", false, BaselineChange.NewFailure)]
    [TestCase("fail", true, "fail", false, BaselineChange.NewFailure)]
    [TestCase("fail", false, "pass", false, BaselineChange.Fixed)]
    [TestCase("error", false, "warn", false, BaselineChange.Fixed)]
    [TestCase("pass", false, "skip", false, BaselineChange.NewlySkipped)]
    [TestCase("fail", false, "inconclusive", false, BaselineChange.NewlySkipped)]
    [TestCase("pass", false, "warn", false, BaselineChange.Changed)]
    [TestCase("fail", false, "error", false, BaselineChange.Changed)]
    [TestCase("fail", false, "fail", true, BaselineChange.Changed)]
    [TestCase("pass", false, "pass", false, BaselineChange.Unchanged)]
    [TestCase("fail", false, "fail", false, BaselineChange.Unchanged)]
    [TestCase("skip", false, "skip", false, BaselineChange.Unchanged)]
    public void Classify(string before, bool beforeExpected, string now, bool nowExpected, BaselineChange change)
    {
        Assert.That(BaselineDiff.Classify(R("s", before, beforeExpected), R("s", now, nowExpected)), Is.EqualTo(change));
    }

    [Test]
    public void Compare_ReportsEachCellOnce_NewAndGoneToo_AndRegressionsGate()
    {
        var baseline = D(R("a", "pass"), R("b", "fail"), R("c", "pass"), R("d", "pass"), R("gone", "pass"), R("a", "pass", target: "u"));
        var current = D(R("a", "fail"), R("b", "pass"), R("c", "skip"), R("d", "pass"), R("new-failing", "fail"), R("new-passing", "pass"), R("a", "pass", target: "u"));
        var diff = BaselineDiff.Compare(baseline, current);
        Assert.That(diff.Of(BaselineChange.NewFailure).Select(i => i.Scenario), Is.EqualTo(new[] { "a", "new-failing" }));
        Assert.That(diff.Of(BaselineChange.Fixed).Select(i => i.Scenario), Is.EqualTo(new[] { "b" }));
        Assert.That(diff.Of(BaselineChange.NewlySkipped).Select(i => i.Scenario), Is.EqualTo(new[] { "c" }));
        Assert.That(diff.Of(BaselineChange.Unchanged).Select(i => (i.Target, i.Scenario)), Is.EqualTo(new[] { ("t", "d"), ("t", "new-passing"), ("u", "a") }));
        Assert.That(diff.Of(BaselineChange.Gone).Select(i => i.Scenario), Is.EqualTo(new[] { "gone" }));
        Assert.That(diff.Items, Has.Count.EqualTo(8));
        Assert.That(diff.HasRegressions, Is.True);

        var fixedOnly = BaselineDiff.Compare(baseline, D(R("a", "pass"), R("b", "pass"), R("c", "pass"), R("d", "pass")));
        Assert.That(fixedOnly.HasRegressions, Is.False);
        Assert.That(fixedOnly.Count(BaselineChange.Fixed), Is.EqualTo(1));
    }

    [Test]
    public void Compare_ANewLoadError_IsARegression_AKnownOneIsNot()
    {
        var error = new DocumentLoadError("/s/bad.yaml", 3, "bad");
        Assert.That(BaselineDiff.Compare(D(), D() with { LoadErrors = [error] }).HasRegressions, Is.True);
        Assert.That(BaselineDiff.Compare(D() with { LoadErrors = [error] }, D() with { LoadErrors = [error] }).HasRegressions, Is.False);
    }
}
