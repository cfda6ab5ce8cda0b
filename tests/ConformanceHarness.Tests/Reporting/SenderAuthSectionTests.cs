using ConformanceHarness.Reporting;
using ConformanceHarness.Running;
using ConformanceHarness.Scenarios;

namespace ConformanceHarness.Tests.Reporting;

/// <summary>The HTML matrix puts the sender-authentication scenarios under one heading, whatever their rules.</summary>
public sealed class SenderAuthSectionTests
{
    [Test]
    public void Html_SenderAuthScenarios_ShareOneSection_OthersStayUnderTheirRule()
    {
        var spf = SampleReport.Scenario("smtp/senderauth/spf/fail", Level.Security, "sender-auth") with { Rule = "RFC 7208 §8.4" };
        var dmarc = SampleReport.Scenario("smtp/senderauth/dmarc/forged-from", Level.Security, "sender-auth") with { Rule = "RFC 7489 §6.3" };
        var other = SampleReport.Scenario("smtp/rfc5321/4.1.4/rcpt-before-mail");
        var run = SampleReport.Build() with
        {
            Entries = [new(other, SampleReport.Result(other.Id, "postfix", Verdict.Pass)), new(spf, SampleReport.Result(spf.Id, "postfix", Verdict.Fail)), new(dmarc, SampleReport.Result(dmarc.Id, "postfix", Verdict.Fail))],
        };

        var html = HtmlReport.Render(ReportDocument.FromRun(run));

        var headings = System.Text.RegularExpressions.Regex.Matches(html, "class=\"rule-row\"><th colspan=\"\\d+\">([^<]*)</th>").Select(m => m.Groups[1].Value).ToList();

        Assert.That(headings, Has.Count.EqualTo(2));
        Assert.That(headings[1], Is.EqualTo("sender authentication: SPF, DKIM, DMARC (RFC 7208, 6376, 7489, 8601)"));
        Assert.That(headings[0], Does.StartWith("RFC 5321"));
    }
}
