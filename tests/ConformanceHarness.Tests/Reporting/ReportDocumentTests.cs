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

        // must: pass, fail (line-length), error, (skip, inconclusive not graded) → 1/3; should: warn → 0.5; security: expected fail, not graded.
        Assert.That(postfix.ScoreByLevel["must"], Is.EqualTo(1.0 / 3).Within(1e-9));
        Assert.That(postfix.ScoreByLevel["should"], Is.EqualTo(0.5));
        Assert.That(postfix.ScoreByLevel["security"], Is.Null);
        Assert.That(postfix.Score, Is.EqualTo(1.5 / 4).Within(1e-9));
        var ranked = Scorecard.Rank(document).Select(s => s.Target).ToList();
        Assert.That(ranked, Is.EqualTo(new[] { "postfix", "exim", "postfix-openrelay" }), "exim scores 0 (errors), the control's only fail is foreseen: unscored, last");
    }
}
