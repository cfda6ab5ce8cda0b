using ConformanceHarness.Reporting;
using ConformanceHarness.Running;
using ConformanceHarness.Scenarios;

namespace ConformanceHarness.Tests.Reporting;

/// <summary>Results that share a cause: one line per cause in JUnit and HTML, the cause on each JSON result (schema v1, additive).</summary>
public sealed class CauseReportTests
{
    private const string Line = "2 scenario(s) not graded: the SMTP server greets 554, see smtp/rfc5321/4.3.1/greeting";

    private static RunReport Report()
    {
        var cause = ResultCause.Greeting("smtp", "554");
        string[] ids = ["smtp/rfc5321/4.3.1/greeting", "smtp/relay/plain", "smtp/rfc5321/4.1.1.9/noop", "smtp/rfc5321/4.1.1.5/rset"];
        var entries = ids.Select(id => new ReportEntry(
            SampleReport.Scenario(id),
            SampleReport.Result(id, "refuser", id.EndsWith("rset", StringComparison.Ordinal) ? Verdict.Pass : Verdict.Fail, "expected 220, got 554") with
            {
                Cause = id.EndsWith("rset", StringComparison.Ordinal) ? null : cause,
            })).ToList();
        return new RunReport
        {
            Generated = SampleReport.Generated,
            Targets = [new ReportTarget { Name = "refuser", Title = "greets 554", Kind = "process", Protocols = ["smtp"] }],
            Entries = CauseAttribution.Apply(entries),
        };
    }

    [Test]
    public void Json_CarriesTheCause_AndValidates()
    {
        var json = JsonReport.Serialize(Report());
        Assert.That(ReportSchema.Validate(json), Is.Empty);
        var document = ReportDocument.Parse(json);
        Assert.That(document.Results.Select(r => r.Cause?.ReportedBy), Is.EqualTo(new string?[] { null, "smtp/rfc5321/4.3.1/greeting", "smtp/rfc5321/4.3.1/greeting", null }));
        Assert.That(document.Results[0].Cause?.Key, Is.EqualTo("greeting:smtp:554"));
        Assert.That(document.Results[3].Cause, Is.Null);
        Assert.That(json, Does.Not.Contain("\"cause\": null"), "absent, not null, where there is none (older readers)");
    }

    [Test]
    public void JUnit_OneCausePropertyPerCause()
    {
        var properties = JUnitReport.Build(Report()).Descendants("testsuite").Single().Element("properties")!.Elements("property")
            .Where(p => (string?)p.Attribute("name") == "cause").Select(p => (string?)p.Attribute("value"));
        Assert.That(properties, Is.EqualTo(new[] { Line }));
    }

    [Test]
    public void Html_OneLinePerCause()
    {
        var html = HtmlReport.Render(ReportDocument.FromRun(Report()));
        Assert.That(html.Split(HtmlReport.E(Line)).Length - 1, Is.EqualTo(1));
    }
}
