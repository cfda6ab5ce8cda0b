using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using ConformanceHarness.Reporting.Writers;

namespace ConformanceHarness.Reporting;

/// <summary>
/// JUnit XML as CI servers read it: one &lt;testsuite&gt; per target, one &lt;testcase&gt; per scenario
/// (classname = target, name = scenario id). Fail → &lt;failure&gt;, Error → &lt;error&gt;, Skip and
/// Inconclusive → &lt;skipped&gt;; Pass, Warn and Info pass (the verdict is a property). An expected Fail (a control's
/// must_fail, a known deviation) passes too, with <c>expectedFailure</c> set. The transcript is system-out.
/// </summary>
public static class JUnitReport
{
    /// <summary>The suite that holds scenario files which could not be loaded, one &lt;error&gt; each.</summary>
    public const string CatalogSuite = "scenario-catalog";

    public static Task WriteAsync(RunReport report, string path, CancellationToken cancellationToken) =>
        ReportWriters.JUnit.WriteFileAsync(ReportDocument.FromRun(report), path, cancellationToken);

    public static XDocument Build(RunReport report) => Build(ReportDocument.FromRun(report));

    public static XDocument Build(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var suites = new XElement("testsuites", new XAttribute("name", "conformance-harness"));
        foreach (var target in document.Targets)
        {
            suites.Add(Suite(document, target));
        }

        if (document.LoadErrors.Count > 0)
        {
            suites.Add(CatalogErrors(document));
        }

        var all = suites.Elements("testsuite").ToList();
        suites.Add(
            new XAttribute("tests", all.Sum(s => (int)s.Attribute("tests")!)),
            new XAttribute("failures", all.Sum(s => (int)s.Attribute("failures")!)),
            new XAttribute("errors", all.Sum(s => (int)s.Attribute("errors")!)),
            new XAttribute("skipped", all.Sum(s => (int)s.Attribute("skipped")!)),
            new XAttribute("time", Seconds(TimeSpan.FromSeconds(all.Sum(s => (double)s.Attribute("time")!)))),
            new XAttribute("timestamp", Timestamp(document.Generated)));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), suites);
    }

    private static XElement Suite(ReportDocument document, ReportTarget target)
    {
        var results = document.Results.Where(r => r.Target == target.Name).ToList();
        var tally = target.Summary;
        var suite = new XElement(
            "testsuite",
            new XAttribute("name", target.Name),
            new XAttribute("tests", results.Count),
            new XAttribute("failures", results.Count(r => r.Verdict == DocumentVerdicts.Fail && !r.ExpectedFailure)),
            new XAttribute("errors", tally.GetValueOrDefault(DocumentVerdicts.Error)),
            new XAttribute("skipped", tally.GetValueOrDefault(DocumentVerdicts.Skip) + tally.GetValueOrDefault(DocumentVerdicts.Inconclusive)),
            new XAttribute("time", Seconds(TimeSpan.FromTicks(results.Sum(r => r.Duration.Ticks)))),
            new XAttribute("timestamp", Timestamp(document.Generated)),
            new XElement(
                "properties",
                Property("kind", target.Kind),
                Property("title", target.Title),
                Property("control", target.Control ? "true" : "false"),
                target.StartError is null ? null : Property("startError", target.StartError),
                CauseGroup.Of(results).Select(g => Property("cause", g.ToString()))));
        foreach (var result in results)
        {
            suite.Add(Case(result));
        }

        return suite;
    }

    private static XElement Case(DocumentResult result)
    {
        var testcase = new XElement(
            "testcase",
            new XAttribute("classname", result.Target),
            new XAttribute("name", result.Scenario),
            new XAttribute("time", Seconds(result.Duration)),
            new XElement(
                "properties",
                Property("rule", result.Rule),
                Property("level", result.Level),
                Property("verdict", result.Verdict),
                result.Tags.Count == 0 ? null : Property("tags", string.Join(",", result.Tags)),
                result.ExpectedFailure ? Property("expectedFailure", "true") : null,
                result.Deviation is null ? null : Property("deviation", result.Deviation)));
        switch (result.Verdict)
        {
            case DocumentVerdicts.Fail when result.ExpectedFailure:
                break;
            case DocumentVerdicts.Fail:
                testcase.Add(new XElement("failure", new XAttribute("message", Clean(result.Summary)), new XAttribute("type", "fail"), Clean(Evidence(result))));
                break;
            case DocumentVerdicts.Error:
                testcase.Add(new XElement("error", new XAttribute("message", Clean(result.Summary)), new XAttribute("type", "error"), Clean(Evidence(result))));
                break;
            case DocumentVerdicts.Skip or DocumentVerdicts.Inconclusive:
                testcase.Add(new XElement("skipped", new XAttribute("message", Clean($"{result.Verdict}: {result.Summary}"))));
                break;
        }

        var output = new StringBuilder();
        if (!ReportDocument.IsFailure(result))
        {
            output.Append(Evidence(result));
        }

        AppendTranscript(output, result.Transcript);
        if (output.Length > 0)
        {
            testcase.Add(new XElement("system-out", Clean(output.ToString())));
        }

        return testcase;
    }

    /// <summary>What a reader of a failed case needs first: the rule, expected vs actual, the scenario line.</summary>
    private static string Evidence(DocumentResult result)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{result.Verdict}: {result.Summary}\n");
        text.Append(CultureInfo.InvariantCulture, $"rule: {result.Rule} ({result.Level})\n");
        if (result.Expected is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"expected: {result.Expected}\n");
        }

        if (result.Actual is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"actual: {result.Actual}\n");
        }

        if (result.Line is { } line)
        {
            text.Append(CultureInfo.InvariantCulture, $"at: {result.File}:{line}\n");
        }

        if (result.Deviation is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"deviation: {result.Deviation}\n");
        }

        foreach (var note in result.Notes)
        {
            text.Append(CultureInfo.InvariantCulture, $"note: {note}\n");
        }

        return text.ToString();
    }

    /// <summary>The transcript as <see cref="Wire.Transcript.Render"/> prints it: "C: ", "S: " or "-- ", "[name] " off the main connection.</summary>
    private static void AppendTranscript(StringBuilder text, IEnumerable<DocumentTranscriptLine> lines)
    {
        foreach (var line in lines)
        {
            var prefix = line.Connection == "main" ? string.Empty : $"[{line.Connection}] ";
            var tag = line.Direction switch
            {
                "client" => "C: ",
                "server" => "S: ",
                _ => "-- ",
            };
            text.Append(prefix).Append(tag).AppendLine(line.Text);
        }
    }

    private static XElement CatalogErrors(ReportDocument document)
    {
        var suite = new XElement(
            "testsuite",
            new XAttribute("name", CatalogSuite),
            new XAttribute("tests", document.LoadErrors.Count),
            new XAttribute("failures", 0),
            new XAttribute("errors", document.LoadErrors.Count),
            new XAttribute("skipped", 0),
            new XAttribute("time", Seconds(TimeSpan.Zero)),
            new XAttribute("timestamp", Timestamp(document.Generated)));
        foreach (var error in document.LoadErrors)
        {
            suite.Add(new XElement(
                "testcase",
                new XAttribute("classname", CatalogSuite),
                new XAttribute("name", Clean(error.File)),
                new XAttribute("time", Seconds(TimeSpan.Zero)),
                new XElement("error", new XAttribute("message", Clean(error.Message)), new XAttribute("type", "scenario-load"), Clean($"{error.File}:{error.Line}: {error.Message}"))));
        }

        return suite;
    }

    private static XElement Property(string name, string value) =>
        new("property", new XAttribute("name", name), new XAttribute("value", Clean(value)));

    private static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>XML 1.0 cannot carry most control characters, even escaped: a hostile server's bytes become \xHH.</summary>
    private static string Clean(string text)
    {
        var clean = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(c).Append(text[++i]);
            }
            else if (XmlConvert.IsXmlChar(c))
            {
                clean.Append(c);
            }
            else
            {
                clean.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}");
            }
        }

        return clean.Length == text.Length ? text : clean.ToString();
    }
}
