using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ConformanceHarness.Reporting;

namespace ConformanceHarness.Tests.Reporting;

/// <summary>The HTML report as a file: self-contained, one cell per result, grouped by protocol and rule, with the data it opens.</summary>
public sealed partial class HtmlReportTests
{
    public static ReportDocument Sample() => ReportDocument.FromRun(SampleReport.Build() with
    {
        Entries = [.. SampleReport.Build().Entries.Select(e => e with { Scenario = e.Scenario with { Quote = "the server MUST return a 503 reply", Why = "a why" } })],
    });

    [Test]
    public void Html_IsSelfContained_NoFetchOfAnything()
    {
        var html = HtmlReport.Render(Sample());
        Assert.That(SourceAttribute().Matches(html).Select(m => m.Value), Is.Empty, "no src= or href= other than data: (an inline favicon)");
        Assert.That(html, Does.Not.Contain("<link rel=\"stylesheet\"").And.Not.Contain("@import").And.Not.Contain("url(http"));
        Assert.That(html, Does.Contain("<style>").And.Contain("<script>"));
    }

    [Test]
    public void Html_HasOneCellPerResult_WithItsVerdict_AndEmbedsTheSameDocument()
    {
        var document = Sample();
        var html = HtmlReport.Render(document);
        var cells = CellAttributes().Matches(html).Select(m => (Index: int.Parse(m.Groups[2].Value), Verdict: m.Groups[3].Value, Target: m.Groups[4].Value)).ToList();
        Assert.That(cells.Select(c => c.Index), Is.EquivalentTo(Enumerable.Range(0, document.Results.Count)));
        Assert.That(cells.Select(c => c.Verdict), Is.EqualTo(cells.Select(c => document.Results[c.Index].Verdict)));
        Assert.That(cells.Select(c => c.Target), Is.EqualTo(cells.Select(c => document.Results[c.Index].Target)));

        var data = DataScript().Match(html);
        Assert.That(data.Success, Is.True);
        var embedded = ReportDocument.Parse(data.Groups[1].Value);
        Assert.That(embedded.ToJson(), Is.EqualTo(document.ToJson()), "the page carries the report it renders");
        Assert.That(data.Groups[1].Value, Does.Not.Contain("</"), "nothing in the data can close the script element");
    }

    [Test]
    public void Html_GroupsRowsByProtocolThenRule_AndSummarisesEveryTarget()
    {
        var html = HtmlReport.Render(Sample());
        Assert.That(Regex.Count(html, "<tr class=\"protocol-row\">"), Is.EqualTo(1), "one protocol in the sample: smtp");
        Assert.That(Regex.Count(html, "<tr class=\"rule-row\">"), Is.EqualTo(1), "one rule in the sample");
        Assert.That(Regex.Count(html, "<tr class=\"scenario-row\""), Is.EqualTo(8));
        foreach (var target in new[] { "postfix", "exim", "postfix-openrelay" })
        {
            Assert.That(html, Does.Contain($"<tr class=\"scorecard\" data-target=\"{target}\">"));
        }

        Assert.That(html, Does.Contain("did not start: no engine"));
        Assert.That(html, Does.Contain("level &#39;sometimes&#39; is not one of"), "load errors are listed");
    }

    [Test]
    public void Html_EscapesHostileText()
    {
        var document = Sample();
        document = document with { Results = [.. document.Results.Select(r => r with { Title = "<img src=x onerror=alert(1)>", Summary = "</script><script>alert(1)</script>" })] };
        var html = HtmlReport.Render(document);
        Assert.That(html, Does.Not.Contain("<img src=x").And.Not.Contain("</script><script>alert"));
    }

    [Test]
    public async Task HtmlFile_StreamedByTheWriter_IsTheRenderedPage_ByteForByte()
    {
        // The writer serialises the embedded data straight into the file (memory: README "Speed, before and after"); the page is the same.
        var document = Sample();
        using var stream = new MemoryStream();
        await ConformanceHarness.Reporting.Writers.ReportWriters.Html.WriteAsync(document, stream, CancellationToken.None);
        Assert.That(stream.ToArray(), Is.EqualTo(new System.Text.UTF8Encoding(false).GetBytes(HtmlReport.Render(document))));
        Assert.That(DataScript().IsMatch(System.Text.Encoding.UTF8.GetString(stream.ToArray())), Is.True, "the data script is closed after the streamed JSON");
    }

    [GeneratedRegex("""(?:src|href)\s*=\s*"(?!data:)[^"]*"|(?:src|href)\s*=\s*'(?!data:)""")]
    internal static partial Regex SourceAttribute();

    [GeneratedRegex(""""<td class="cell v-(\w+)[^"]*" data-r="(\d+)" data-v="(\w+)" data-target="([^"]*)"""")]
    internal static partial Regex CellAttributes();

    [GeneratedRegex("""<script id="report-data" type="application/json">(.*?)</script>""", RegexOptions.Singleline)]
    private static partial Regex DataScript();
}
