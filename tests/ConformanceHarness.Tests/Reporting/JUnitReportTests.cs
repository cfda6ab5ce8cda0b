using System.Xml.Linq;
using ConformanceHarness.Reporting;
using ConformanceHarness.Running;

namespace ConformanceHarness.Tests.Reporting;

public sealed class JUnitReportTests
{
    private static XDocument Xml() => XDocument.Parse(JUnitReport.Build(SampleReport.Build()).ToString());

    private static XElement Case(XDocument xml, string target, string scenario) =>
        xml.Descendants("testcase").Single(c => (string?)c.Attribute("classname") == target && (string?)c.Attribute("name") == scenario);

    [Test]
    public void Build_OneSuitePerTarget_AndOneForLoadErrors()
    {
        var suites = Xml().Root!.Elements("testsuite").Select(s => (string?)s.Attribute("name"));
        Assert.That(suites, Is.EqualTo(new[] { "postfix", "exim", "postfix-openrelay", JUnitReport.CatalogSuite }));
    }

    [Test]
    public void Build_CountsOfCasesFailuresErrorsAndSkipped_MatchTheVerdicts()
    {
        var xml = Xml();
        var report = SampleReport.Build();
        var root = xml.Root!;
        Assert.That(xml.Descendants("testcase").Count(), Is.EqualTo(report.Entries.Count + report.LoadErrors.Count));
        Assert.That(xml.Descendants("failure").Count(), Is.EqualTo(1), "the known deviation and the control's must_fail are expected");
        Assert.That(xml.Descendants("error").Count(), Is.EqualTo(3 + 1), "one connect error, two not-started, one load error");
        Assert.That(xml.Descendants("skipped").Count(), Is.EqualTo(2), "Skip and Inconclusive");
        Assert.That((int)root.Attribute("tests")!, Is.EqualTo(xml.Descendants("testcase").Count()));
        Assert.That((int)root.Attribute("failures")!, Is.EqualTo(xml.Descendants("failure").Count()));
        Assert.That((int)root.Attribute("errors")!, Is.EqualTo(xml.Descendants("error").Count()));
        Assert.That((int)root.Attribute("skipped")!, Is.EqualTo(xml.Descendants("skipped").Count()));
        foreach (var suite in root.Elements("testsuite"))
        {
            Assert.That((int)suite.Attribute("tests")!, Is.EqualTo(suite.Elements("testcase").Count()));
            Assert.That((int)suite.Attribute("failures")!, Is.EqualTo(suite.Descendants("failure").Count()));
            Assert.That((int)suite.Attribute("errors")!, Is.EqualTo(suite.Descendants("error").Count()));
            Assert.That((int)suite.Attribute("skipped")!, Is.EqualTo(suite.Descendants("skipped").Count()));
        }
    }

    [Test]
    public void Build_Fail_IsAFailureWithExpectedActualAndTheScenarioLine()
    {
        var failure = Case(Xml(), "postfix", "smtp/rfc5321/4.5.3.1/line-length").Element("failure")!;
        Assert.That((string?)failure.Attribute("message"), Is.EqualTo("a 1001-octet text line was accepted"));
        Assert.That(failure.Value, Does.Contain("expected: 500").And.Contain("actual: 250 ok"));
        Assert.That(failure.Value, Does.Contain("at: /repo/scenarios/smtp/rfc5321/4.5.3.1/line-length.yaml:7"));
    }

    [TestCase("postfix", Description = "a known deviation")]
    [TestCase("postfix-openrelay", Description = "a control's must_fail")]
    public void Build_ExpectedFail_PassesWithExpectedFailureProperty_AndEvidenceInSystemOut(string target)
    {
        var testcase = Case(Xml(), target, "smtp/rfc5321/3.6/open-relay");
        Assert.That(testcase.Element("failure"), Is.Null);
        var properties = testcase.Element("properties")!.Elements("property").ToDictionary(p => (string)p.Attribute("name")!, p => (string)p.Attribute("value")!);
        Assert.That(properties["verdict"], Is.EqualTo("fail"));
        Assert.That(properties["expectedFailure"], Is.EqualTo("true"));
        Assert.That(testcase.Element("system-out")!.Value, Does.Contain("fail: relayed for a foreign domain").And.Contain("actual: 250 2.1.5 Ok"));
    }

    [Test]
    public void Build_Properties_CarryRuleLevelVerdictAndTags()
    {
        var properties = Case(Xml(), "postfix", "smtp/rfc5321/4.1.4/rcpt-before-mail").Element("properties")!.Elements("property")
            .ToDictionary(p => (string)p.Attribute("name")!, p => (string)p.Attribute("value")!);
        Assert.That(properties["rule"], Is.EqualTo("RFC 5321 §4.1.4"));
        Assert.That(properties["level"], Is.EqualTo("must"));
        Assert.That(properties["verdict"], Is.EqualTo("pass"));
        Assert.That(properties["tags"], Is.EqualTo("state,command-order"));
    }

    [Test]
    public void Build_Warn_PassesWithItsVerdictAndEvidenceInSystemOut()
    {
        var warn = Case(Xml(), "postfix", "smtp/rfc5321/4.1.1.1/ehlo");
        Assert.That(warn.Elements().Select(e => e.Name.LocalName), Does.Not.Contain("failure").And.Not.Contain("error").And.Not.Contain("skipped"));
        Assert.That(warn.Element("system-out")!.Value, Does.Contain("warn: tolerated, not preferred").And.Contain("expected: 250").And.Contain("note: a note"));
    }

    [Test]
    public void Build_Transcript_IsInSystemOut_InVisibleForm_WithControlBytesEscaped()
    {
        var output = Case(Xml(), "postfix", "smtp/rfc5321/4.1.4/rcpt-before-mail").Element("system-out")!.Value;
        Assert.That(output, Does.Contain("-- connected to 127.0.0.1:25"));
        Assert.That(output, Does.Contain("S: 220 mx.example.test ESMTP⏎"));
        Assert.That(output, Does.Contain("C: EHLO client.example.test⏎\nC: RCPT TO:<alice@example.test>⏎").Or.Contain("C: RCPT TO:<alice@example.test>⏎"));
        Assert.That(output, Does.Contain(@"[second] S: 250 ok\x01\x1B bare\n"));
    }

    [Test]
    public void Build_StartErrorAndLoadErrors_AreReported()
    {
        var xml = Xml();
        var exim = xml.Root!.Elements("testsuite").Single(s => (string?)s.Attribute("name") == "exim");
        Assert.That(exim.Element("properties")!.Elements("property").Single(p => (string?)p.Attribute("name") == "startError").Attribute("value")!.Value, Does.StartWith("no engine"));
        var load = xml.Root.Elements("testsuite").Single(s => (string?)s.Attribute("name") == JUnitReport.CatalogSuite).Element("testcase")!;
        Assert.That(load.Element("error")!.Value, Is.EqualTo("/repo/scenarios/smtp/bad.yaml:3: level 'sometimes' is not one of must, should, security, info"));
    }

    [Test]
    public void Build_TextThatXmlCannotCarry_IsEscaped_NotAnException()
    {
        var report = SampleReport.Build() with
        {
            Entries = [new(SampleReport.Scenario("smtp/x"), SampleReport.Result("smtp/x", "postfix", Verdict.Fail, "got \0 and \x1b and \uD800 from the server") with { Actual = "\x07" })],
        };
        var text = JUnitReport.Build(report).ToString();
        Assert.That(XDocument.Parse(text).Descendants("failure").Single().Attribute("message")!.Value, Is.EqualTo(@"got \x00 and \x1B and \xD800 from the server"));
    }

    [Test]
    public async Task WriteAsync_CreatesTheFolder_AndWritesParseableUtf8Xml()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ch-junit-" + Guid.NewGuid().ToString("N"));
        var path = Path.Combine(folder, "deep", "junit.xml");
        try
        {
            await JUnitReport.WriteAsync(SampleReport.Build(), path, CancellationToken.None);
            var xml = XDocument.Load(path);
            Assert.That(xml.Declaration?.Encoding, Is.EqualTo("utf-8"));
            Assert.That(xml.Descendants("testcase").Count(), Is.EqualTo(12));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
