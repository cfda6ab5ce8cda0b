using System.Text.Json.Nodes;
using ConformanceHarness.Reporting;

namespace ConformanceHarness.Tests.Reporting;

/// <summary>The JSON report read back (what HTML, SARIF, baselines and merge work from) and written again: the same document.</summary>
public sealed class ReportDocumentTests
{
    [Test]
    public void RoundTrip_IsTheSameJson_AndValidAgainstTheReportSchema()
    {
        var json = JsonReport.Serialize(SampleReport.Build());
        var document = ReportDocument.Parse(json);
        Assert.That(ReportSchema.Validate(document.ToJson()), Is.Empty);
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(document.ToJson()), JsonNode.Parse(json)), Is.True);
        Assert.That(document.Results.Select(r => r.Verdict).Distinct(), Is.EquivalentTo(DocumentVerdicts.All), "every verdict is in the sample");
        Assert.That(document.Results.Count(r => r.ExpectedFailure), Is.EqualTo(2));
        Assert.That(document.Results[0].File, Is.EqualTo("/repo/scenarios/smtp/rfc5321/4.1.4/rcpt-before-mail.yaml"));
    }

    [Test]
    public void Parse_OtherDocuments_AreRejected()
    {
        Assert.Throws<InvalidDataException>(() => ReportDocument.Parse("""{"schema":"something/else","results":[]}"""));
        Assert.Throws<InvalidDataException>(() => ReportDocument.Parse("not json"));
    }

    [Test]
    public void Scorecard_CountsPassAndHalfWarn_OverGradedResults()
    {
        var document = ReportDocument.FromRun(SampleReport.Build());
        var postfix = Scorecard.For(document, document.Targets.Single(t => t.Name == "postfix"));

        // must: pass, fail (line-length), error, (skip, inconclusive not graded) → 1/3; should: warn → 0.5;
        // security: a fail the profile foresaw still counts (issue 14: scores count every Fail) → 0.
        Assert.That(postfix.ScoreByLevel["must"], Is.EqualTo(1.0 / 3).Within(1e-9));
        Assert.That(postfix.ScoreByLevel["should"], Is.EqualTo(0.5));
        Assert.That(postfix.ScoreByLevel["security"], Is.EqualTo(0.0));
        Assert.That(postfix.Score, Is.EqualTo(1.5 / 5).Within(1e-9));
        Assert.That((postfix.SecurityFindings, postfix.Foreseen), Is.EqualTo((1, 1)));
        var ranked = Scorecard.Rank(document).Select(s => s.Target).ToList();
        Assert.That(ranked, Is.EqualTo(new[] { "postfix", "exim", "postfix-openrelay" }), "exim scores 0 (errors); the control scores 0 too (its foreseen fail counts) and has a security finding: last");
        var control = Scorecard.For(document, document.Targets.Single(t => t.Name == "postfix-openrelay"));
        Assert.That((control.ScoreByLevel["security"], control.Score, control.Foreseen), Is.EqualTo(((double?)0.0, (double?)0.0, 1)), "an open-relay control is not 'security 100 %'");
    }

    [TestCase(0, 0, 0, 0, false, "nothing failed")]
    [TestCase(71, 71, 0, 0, false, "71 fail, all foreseen by the profiles")]
    [TestCase(3, 1, 2, 0, true, "the run failed: 3 fail (1 foreseen by the profiles), 2 error")]
    [TestCase(2, 0, 0, 1, true, "the run failed: 2 fail, 1 scenario file not loaded")]
    public void Headline_CountsEveryFail_ForeseenOnlyDecidesTheOutcome(int fails, int foreseen, int errors, int loadErrors, bool failed, string text)
    {
        var headline = new RunHeadline(fails, foreseen, errors, loadErrors);
        Assert.That((headline.Failed, headline.ToString()), Is.EqualTo((failed, text)));
    }

    [Test]
    public void Headline_OfAllForeseenFails_IsNotNothingFailed()
    {
        var sample = SampleReport.Build();
        var onlyControl = sample with { Entries = [.. sample.Entries.Where(e => e.Result.Target == "postfix-openrelay")], LoadErrors = [] };
        var document = ReportDocument.FromRun(onlyControl);
        Assert.That((document.HasFailures, RunHeadline.Of(document).ToString()), Is.EqualTo((false, "1 fail, all foreseen by the profiles")));
        Assert.That(HtmlReport.Render(document), Does.Contain("1 fail, all foreseen by the profiles").And.Not.Contain("nothing failed"));
    }
}
