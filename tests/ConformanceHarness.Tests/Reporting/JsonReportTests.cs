using System.Text.Json.Nodes;
using ConformanceHarness.Reporting;
using ConformanceHarness.Targets;

namespace ConformanceHarness.Tests.Reporting;

public sealed class JsonReportTests
{
    private static JsonNode Document() => JsonNode.Parse(JsonReport.Serialize(SampleReport.Build()))!;

    private static JsonNode Result(JsonNode document, string target, string scenario) =>
        document["results"]!.AsArray().Single(r => (string?)r!["target"] == target && (string?)r["scenario"] == scenario)!;

    [Test]
    public void Serialize_ValidatesAgainstTheSchema()
    {
        Assert.That(ReportSchema.Validate(JsonReport.Serialize(SampleReport.Build())), Is.Empty);
    }

    [Test]
    public void Serialize_EmptyReport_ValidatesAgainstTheSchema()
    {
        Assert.That(ReportSchema.Validate(JsonReport.Serialize(new RunReport())), Is.Empty);
    }

    [Test]
    public void Schema_RejectsADocumentThatBreaksIt()
    {
        var document = Document();
        document["results"]![0]!["verdict"] = "passed";
        document["results"]![1]!.AsObject().Remove("transcript");
        document["schema"] = "conformance-harness/report/v0";
        var errors = ReportSchema.Validate(document);
        Assert.That(errors, Is.Not.Empty);
        Assert.That(string.Join("\n", errors), Does.Contain("/results/0/verdict").And.Contain("/results/1").And.Contain("/schema"));
    }

    [Test]
    public void Schema_FileInTheRepository_IsTheEmbeddedOne()
    {
        var file = Path.Combine(RepositoryLayout.FindRoot()!, "harness", "ConformanceHarness", "Reporting", "report.schema.json");
        Assert.That(JsonReport.SchemaText().ReplaceLineEndings(), Is.EqualTo(File.ReadAllText(file).ReplaceLineEndings()));
        Assert.That((string?)JsonNode.Parse(JsonReport.SchemaText())!["properties"]!["schema"]!["const"], Is.EqualTo(JsonReport.SchemaId));
    }

    [Test]
    public void Serialize_Header_HasSchemaGeneratedSummaryAndTargets()
    {
        var document = Document();
        Assert.That((string?)document["schema"], Is.EqualTo("conformance-harness/report/v1"));
        Assert.That((string?)document["generated"], Is.EqualTo("2026-11-28T05:30:00.000Z"));
        Assert.That((int?)document["summary"]!["error"], Is.EqualTo(3));
        Assert.That((int?)document["summary"]!["pass"], Is.EqualTo(1));
        var exim = document["targets"]!.AsArray().Single(t => (string?)t!["name"] == "exim")!;
        Assert.That((bool?)exim["control"], Is.False);
        Assert.That((string?)exim["startError"], Is.EqualTo("no engine\nsecond line"));
        Assert.That((int?)exim["summary"]!["error"], Is.EqualTo(2));
        Assert.That(document["loadErrors"]![0]!["line"]!.GetValue<int>(), Is.EqualTo(3));
    }

    [Test]
    public void Serialize_Result_CarriesEvidenceAndScenarioFacts()
    {
        var fail = Result(Document(), "postfix", "smtp/rfc5321/3.6/open-relay");
        Assert.That((string?)fail["verdict"], Is.EqualTo("fail"));
        Assert.That((string?)fail["summary"], Is.EqualTo("relayed for a foreign domain"));
        Assert.That((string?)fail["expected"], Is.EqualTo("5xx"));
        Assert.That((string?)fail["actual"], Is.EqualTo("250 2.1.5 Ok"));
        Assert.That((int?)fail["line"], Is.EqualTo(12));
        Assert.That((string?)fail["rule"], Is.EqualTo("RFC 5321 §4.1.4"));
        Assert.That((string?)fail["level"], Is.EqualTo("security"));
        Assert.That(fail["tags"]!.AsArray().Select(t => (string?)t), Is.EqualTo(new[] { "relay" }));
        Assert.That((double?)fail["durationMs"], Is.EqualTo(12.5));
        Assert.That((string?)fail["deviation"], Does.StartWith("known deviation"));
        Assert.That((bool?)fail["expectedFailure"], Is.True);
    }

    [Test]
    public void Serialize_ExpectedFailure_OnlyForForeseenFails()
    {
        var document = Document();
        Assert.That((bool?)Result(document, "postfix", "smtp/rfc5321/4.5.3.1/line-length")["expectedFailure"], Is.False);
        Assert.That((bool?)Result(document, "postfix-openrelay", "smtp/rfc5321/3.6/open-relay")["expectedFailure"], Is.True);
        Assert.That((bool?)Result(document, "postfix", "smtp/rfc5321/4.4/received")["expectedFailure"], Is.False, "an Error is never expected");
        var control = document["targets"]!.AsArray().Single(t => (string?)t!["name"] == "postfix-openrelay")!;
        Assert.That(control["mustFail"]!.AsArray().Select(p => (string?)p), Is.EqualTo(new[] { "smtp/rfc5321/3.6/*" }));
    }

    [Test]
    public void Serialize_AbsentEvidence_IsNull_NotMissing()
    {
        var pass = Result(Document(), "postfix", "smtp/rfc5321/4.2/greeting-text").AsObject();
        Assert.That(pass.ContainsKey("expected") && pass["expected"] is null, Is.True);
        Assert.That(pass.ContainsKey("line") && pass["line"] is null, Is.True);
        Assert.That(pass.ContainsKey("deviation") && pass["deviation"] is null, Is.True);
    }

    [Test]
    public void Serialize_Transcript_OneEntryPerWireLine_InVisibleForm()
    {
        var transcript = Result(Document(), "postfix", "smtp/rfc5321/4.1.4/rcpt-before-mail")["transcript"]!.AsArray();
        var lines = transcript.Select(t => ((string?)t!["direction"], (string?)t["connection"], (string?)t["text"])).ToList();
        Assert.That(lines, Is.EqualTo(new[]
        {
            ("note", "main", "connected to 127.0.0.1:25"),
            ("server", "main", "220 mx.example.test ESMTP⏎"),
            ("client", "main", "EHLO client.example.test⏎"),
            ("client", "main", "RCPT TO:<alice@example.test>⏎"),
            ("server", "second", @"250 ok\x01\x1B bare\n"),
        }));
        Assert.That((double?)transcript[3]!["atMs"], Is.EqualTo(3));
    }

    [Test]
    public void Serialize_KeepsAngleBracketsReadable()
    {
        Assert.That(JsonReport.Serialize(SampleReport.Build()), Does.Contain("RCPT TO:<alice@example.test>"));
    }

    [Test]
    public async Task WriteAsync_WritesTheSameDocumentToAFile()
    {
        var path = Path.Combine(Path.GetTempPath(), "ch-json-" + Guid.NewGuid().ToString("N"), "report.json");
        try
        {
            await JsonReport.WriteAsync(SampleReport.Build(), path, CancellationToken.None);
            Assert.That(await File.ReadAllTextAsync(path), Is.EqualTo(JsonReport.Serialize(SampleReport.Build())));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }
}
