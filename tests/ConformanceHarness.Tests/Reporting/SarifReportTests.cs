using System.Text.Json.Nodes;
using ConformanceHarness.Reporting;

namespace ConformanceHarness.Tests.Reporting;

/// <summary>SARIF from a report with every verdict: valid against the SARIF 2.1.0 schema (the parts used) and read back typed.</summary>
public sealed class SarifReportTests
{
    private static string Sarif() => SarifReport.Build(HtmlReportTests.Sample(), "/repo").ToJsonString();

    [Test]
    public void Sarif_IsValidAgainstTheSchema()
    {
        Assert.That(SarifSchema.Validate(Sarif()), Is.Empty);
    }

    [Test]
    public void Schema_RejectsWhatSarifForbids()
    {
        // The check must be able to fail: a level outside the enumeration, a missing message, a non-fail kind with a level.
        var log = JsonNode.Parse(Sarif())!;
        var results = log["runs"]![0]!["results"]!.AsArray();
        results[0]!["level"] = "fatal";
        results[1]!.AsObject().Remove("message");
        var pass = results.First(r => (string?)r!["kind"] == "pass")!;
        pass["level"] = "error";
        log["version"] = "2.0.0";
        var errors = SarifSchema.Validate(log.ToJsonString());
        Assert.That(errors, Has.Some.Contains("/runs/0/results/0/level"));
        Assert.That(errors, Has.Some.Contains("/runs/0/results/1"));
        Assert.That(errors, Has.Some.Contains("/version"));
        Assert.That(errors.Count(e => e.Contains("/runs/0/results/", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(3));
    }

    [Test]
    public void Sarif_ReadBack_OneResultPerGradedCell_ErrorsAreNotifications()
    {
        var document = HtmlReportTests.Sample();
        var run = SarifSchema.Read(Sarif()).Runs.Single();
        Assert.That(run.Tool.Driver.Name, Is.EqualTo("conformance-harness"));
        Assert.That(run.Tool.Driver.Rules.Select(r => r.Id), Is.EqualTo(document.Results.Select(r => r.Scenario).Distinct()));
        var graded = document.Results.Where(r => r.Verdict != "error").ToList();
        Assert.That(run.Results.Select(r => (r.Properties.Target, r.RuleId)), Is.EqualTo(graded.Select(r => (r.Target, r.Scenario))));
        Assert.That(run.Results.Select(r => run.Tool.Driver.Rules[r.RuleIndex].Id), Is.EqualTo(run.Results.Select(r => r.RuleId)), "ruleIndex points at the rule");
        Assert.That(run.Results.Select(r => r.PartialFingerprints["scenarioOnTarget/v1"]), Is.Unique);

        var byVerdict = run.Results.GroupBy(r => r.Properties.Verdict).ToDictionary(g => g.Key, g => g.Select(r => (r.Kind, r.Level)).Distinct().Single());
        Assert.That(byVerdict["pass"], Is.EqualTo(("pass", "none")));
        Assert.That(byVerdict["fail"], Is.EqualTo(("fail", "error")));
        Assert.That(byVerdict["warn"], Is.EqualTo(("fail", "warning")));
        Assert.That(byVerdict["info"], Is.EqualTo(("informational", "none")));
        Assert.That(byVerdict["skip"], Is.EqualTo(("notApplicable", "none")));
        Assert.That(byVerdict["inconclusive"], Is.EqualTo(("review", "none")));
        Assert.That(byVerdict.ContainsKey("error"), Is.False);

        var invocation = run.Invocations.Single();
        Assert.That(invocation.ExecutionSuccessful, Is.False);
        Assert.That(invocation.ToolExecutionNotifications.Select(n => n.Descriptor.Id), Is.EqualTo(new[] { "harness-error", "harness-error", "harness-error", "scenario-load" }));
        Assert.That(invocation.ToolExecutionNotifications.Where(n => n.AssociatedRule is not null).Select(n => n.AssociatedRule!.Id), Has.All.StartsWith("smtp/"));
    }

    [Test]
    public void Sarif_ForeseenFails_AreSuppressedWithTheirJustification_UnforeseenAreNot()
    {
        var run = SarifSchema.Read(Sarif()).Runs.Single();
        var fails = run.Results.Where(r => r.Properties.Verdict == "fail").ToList();
        var deviation = fails.Single(r => r.Properties.Target == "postfix" && r.RuleId == "smtp/rfc5321/3.6/open-relay");
        Assert.That(deviation.Suppressions!.Single().Justification, Does.StartWith("known deviation"));
        var control = fails.Single(r => r.Properties.Target == "postfix-openrelay");
        Assert.That(control.Suppressions!.Single(), Is.EqualTo(new SarifSuppression("external", "accepted", "postfix-openrelay is a control built to fail this scenario")));
        var unforeseen = fails.Single(r => r.RuleId == "smtp/rfc5321/4.5.3.1/line-length");
        Assert.That(unforeseen.Suppressions, Is.Null);
        Assert.That(unforeseen.Message.Text, Is.EqualTo("postfix: a 1001-octet text line was accepted (expected 500, got 250 ok)"));
        Assert.That(unforeseen.Locations.Single().PhysicalLocation, Is.EqualTo(new SarifPhysicalLocation(new SarifArtifactLocation("scenarios/smtp/rfc5321/4.5.3.1/line-length.yaml"), new SarifRegion(7))));
        Assert.That(unforeseen.Locations.Single().LogicalLocations.Single(), Is.EqualTo(new SarifLogicalLocation("postfix", "module")));
        Assert.That(deviation.Properties.Transcript, Does.Contain(@"S: 250 ok\x01\x1B bare\n"));
    }

    [Test]
    public void Sarif_RuleCarriesTheRfcQuoteAndWhy()
    {
        var rule = SarifSchema.Read(Sarif()).Runs.Single().Tool.Driver.Rules.First(r => r.Id == "smtp/rfc5321/3.6/open-relay");
        Assert.That(rule.ShortDescription.Text, Is.EqualTo("title of smtp/rfc5321/3.6/open-relay"));
        Assert.That(rule.FullDescription.Text, Is.EqualTo("RFC 5321 §4.1.4: \"the server MUST return a 503 reply\""));
        Assert.That(rule.Help!.Text, Is.EqualTo("a why"));
        Assert.That(rule.Properties.Tags, Is.EqualTo(new[] { "smtp", "security", "relay" }));
    }
}
