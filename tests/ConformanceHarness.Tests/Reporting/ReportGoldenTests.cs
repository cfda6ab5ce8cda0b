using System.Text.Json.Nodes;
using ConformanceHarness.Reporting;
using ConformanceHarness.Reporting.Writers;
using ConformanceHarness.Targets;

namespace ConformanceHarness.Tests.Reporting;

/// <summary>
/// The one report model against the writers it replaced: Golden/sample-report.* were written (the HTML page kept as its hash) from <see cref="SampleReport"/>
/// by the code of main at 94ddfc8 (hand-written JSON, JSON round trip for SARIF and HTML, JUnit from the run), and
/// Golden/old-main-report-slice.json is a slice of a report that code wrote for the bundled matrix.
/// </summary>
public sealed class ReportGoldenTests
{
    private static string Golden(string name) =>
        File.ReadAllText(Path.Combine(RepositoryLayout.FindRoot()!, "tests", "ConformanceHarness.Tests", "Reporting", "Golden", name)).ReplaceLineEndings("\n");

    private static async Task<string> WrittenAsync(IReportWriter writer)
    {
        using var stream = new MemoryStream();
        await writer.WriteAsync(ReportDocument.FromRun(SampleReport.Build()), stream, CancellationToken.None);
        return new System.Text.UTF8Encoding(false).GetString(stream.ToArray()).TrimStart('\uFEFF').ReplaceLineEndings("\n");
    }

    [Test]
    public async Task JsonWriter_OfTheSampleRun_IsTheOldJsonFieldForField()
    {
        var json = await WrittenAsync(ReportWriters.Json);
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(Golden("sample-report.json"))), Is.True);
        Assert.That(json, Is.EqualTo(Golden("sample-report.json")), "byte for byte, too");
        Assert.That(ReportSchema.Validate(json), Is.Empty);
    }

    [Test]
    public void JUnitWriter_OfTheSampleRun_IsTheOldXml() =>
        Assert.That(JUnitReport.Build(ReportDocument.FromRun(SampleReport.Build())).ToString().ReplaceLineEndings("\n"), Is.EqualTo(Golden("sample-report.junit.xml")));

    [Test]
    public void SarifWriter_OfTheSampleRun_IsTheOldSarif() =>
        Assert.That(SarifReport.Build(ReportDocument.FromRun(SampleReport.Build()), "/repo").ToJsonString(), Is.EqualTo(Golden("sample-report.sarif")));

    /// <summary>
    /// The old page is kept as its SHA-256 (the page itself would repeat the style sheet and script of the HTML writer).
    /// A deliberate change of the page changes the hash: write the new one into Golden/sample-report.html.sha256.
    /// </summary>
    [Test]
    public async Task HtmlWriter_OfTheSampleRun_IsTheOldPage()
    {
        var page = System.Text.Encoding.UTF8.GetBytes(await WrittenAsync(ReportWriters.Html));
        Assert.That(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(page)), Is.EqualTo(Golden("sample-report.html.sha256").Trim()));
    }

    [Test]
    public void OldMainReport_ReadAndWrittenBack_IsUnchangedFieldForField()
    {
        var old = Golden("old-main-report-slice.json");
        var document = ReportDocument.Parse(old);
        Assert.That(document.Results, Has.Count.EqualTo(6));
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(document.ToJson()), JsonNode.Parse(old)), Is.True);
        Assert.That(ReportSchema.Validate(document.ToJson()), Is.Empty);
    }

    [Test]
    public void OldMainReport_AsABaseline_OfItself_ChangesNothing()
    {
        var old = ReportDocument.Parse(Golden("old-main-report-slice.json"));
        var diff = BaselineDiff.Compare(old, ReportMerge.Merge([old]));
        Assert.That(diff.Items.Select(i => i.Change), Is.All.EqualTo(BaselineChange.Unchanged));
        Assert.That(diff.HasRegressions, Is.False);
    }

    [Test]
    public void Select_TheAskedFormats_InOneOrder()
    {
        var files = ReportWriters.Select(junit: null, json: "r.json", sarif: "r.sarif", html: "r.html");
        Assert.That(files.Select(f => (f.Writer.Format, f.Path)), Is.EqualTo(new[] { ("JSON", "r.json"), ("SARIF", "r.sarif"), ("HTML", "r.html") }));
        Assert.That(ReportWriters.Select(), Is.Empty);
    }

    [Test]
    public void RunAndModel_DecideFailureAlike()
    {
        var run = SampleReport.Build();
        var document = ReportDocument.FromRun(run);
        Assert.That(run.HasFailures, Is.EqualTo(document.HasFailures));
        Assert.That(document.Summary, Is.EqualTo(run.Tally().ByName()));
        Assert.That(ReportDocument.TallyOf(document.Results), Is.EqualTo(document.Summary));
    }

    [TestCase("\"yesterday\"")]
    [TestCase("null")]
    [TestCase("12")]
    public void Parse_AMalformedTimestamp_IsNotAReport(string generated) =>
        Assert.Throws<InvalidDataException>(() => ReportDocument.Parse($$"""{"schema":"conformance-harness/report/v1","generated":{{generated}},"results":[]}"""));

    [Test]
    public void DocumentVerdicts_AreTheVerdictsInOrder() =>
        Assert.That(DocumentVerdicts.All, Is.EqualTo(Enum.GetValues<ConformanceHarness.Running.Verdict>().Select(VerdictNames.Of)));
}
