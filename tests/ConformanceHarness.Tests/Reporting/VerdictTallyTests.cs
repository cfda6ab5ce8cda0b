using ConformanceHarness.Reporting;
using ConformanceHarness.Running;

namespace ConformanceHarness.Tests.Reporting;

public sealed class VerdictTallyTests
{
    [Test]
    public void Of_CountsEachVerdict()
    {
        var tally = VerdictTally.Of([Verdict.Pass, Verdict.Pass, Verdict.Fail, Verdict.Skip]);
        Assert.That(tally[Verdict.Pass], Is.EqualTo(2));
        Assert.That(tally[Verdict.Fail], Is.EqualTo(1));
        Assert.That(tally[Verdict.Error], Is.Zero);
        Assert.That(tally.Total, Is.EqualTo(4));
        Assert.That(tally.ToString(), Is.EqualTo("2 pass, 1 fail, 0 warn, 0 info, 1 skip, 0 inconclusive, 0 error"));
    }

    [TestCase(Verdict.Pass, false)]
    [TestCase(Verdict.Warn, false)]
    [TestCase(Verdict.Info, false)]
    [TestCase(Verdict.Skip, false)]
    [TestCase(Verdict.Inconclusive, false)]
    [TestCase(Verdict.Fail, true)]
    [TestCase(Verdict.Error, true)]
    public void HasFailures_OnlyForFailAndError(Verdict verdict, bool fails)
    {
        var scenario = SampleReport.Scenario("smtp/x");
        var report = new RunReport { Entries = [new ReportEntry(scenario, SampleReport.Result("smtp/x", "t", verdict))] };
        Assert.That(report.HasFailures, Is.EqualTo(fails));
    }

    [Test]
    public void HasFailures_NotForAKnownDeviation()
    {
        var scenario = SampleReport.Scenario("smtp/x");
        var report = new RunReport { Entries = [new ReportEntry(scenario, SampleReport.Result("smtp/x", "t", Verdict.Fail) with { Deviation = "known deviation (x): y" })] };
        Assert.That(report.HasFailures, Is.False);
    }

    [Test]
    public void HasFailures_NotForAControlsMustFail_ButForItsOtherFails()
    {
        var control = new ReportTarget { Name = "open", Kind = "container", Control = true, MustFail = ["smtp/relay/*"] };
        var foreseen = new ReportEntry(SampleReport.Scenario("smtp/relay/percent-hack"), SampleReport.Result("smtp/relay/percent-hack", "open", Verdict.Fail));
        var other = new ReportEntry(SampleReport.Scenario("smtp/rfc5321/quit"), SampleReport.Result("smtp/rfc5321/quit", "open", Verdict.Fail));
        Assert.That(new RunReport { Targets = [control], Entries = [foreseen] }.HasFailures, Is.False);
        Assert.That(new RunReport { Targets = [control], Entries = [foreseen, other] }.HasFailures, Is.True);
    }

    [Test]
    public void HasFailures_WhenAScenarioFileDidNotLoad()
    {
        var report = new RunReport { LoadErrors = [new ConformanceHarness.Scenarios.ScenarioError("f.yaml", 1, "bad")] };
        Assert.That(report.HasFailures, Is.True);
    }
}
