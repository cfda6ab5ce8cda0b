using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using ConformanceHarness.Running;

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

    public static async Task WriteAsync(RunReport report, string path, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var stream = File.Create(path);
        await using (stream.ConfigureAwait(false))
        {
            await Build(report).SaveAsync(stream, SaveOptions.None, cancellationToken).ConfigureAwait(false);
        }
    }

    public static XDocument Build(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var suites = new XElement("testsuites", new XAttribute("name", "conformance-harness"));
        foreach (var target in report.Targets)
        {
            suites.Add(Suite(report, target));
        }

        if (report.LoadErrors.Count > 0)
        {
            suites.Add(CatalogErrors(report));
        }

        var all = suites.Elements("testsuite").ToList();
        suites.Add(
            new XAttribute("tests", all.Sum(s => (int)s.Attribute("tests")!)),
            new XAttribute("failures", all.Sum(s => (int)s.Attribute("failures")!)),
            new XAttribute("errors", all.Sum(s => (int)s.Attribute("errors")!)),
            new XAttribute("skipped", all.Sum(s => (int)s.Attribute("skipped")!)),
            new XAttribute("time", Seconds(TimeSpan.FromSeconds(all.Sum(s => (double)s.Attribute("time")!)))),
            new XAttribute("timestamp", Timestamp(report.Generated)));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), suites);
    }

    private static XElement Suite(RunReport report, ReportTarget target)
    {
        var entries = report.Entries.Where(e => e.Result.Target == target.Name).ToList();
        var tally = report.Tally(target.Name);
        var suite = new XElement(
            "testsuite",
            new XAttribute("name", target.Name),
            new XAttribute("tests", entries.Count),
            new XAttribute("failures", tally[Verdict.Fail] - report.ExpectedFailures(target.Name)),
            new XAttribute("errors", tally[Verdict.Error]),
            new XAttribute("skipped", tally[Verdict.Skip] + tally[Verdict.Inconclusive]),
            new XAttribute("time", Seconds(TimeSpan.FromTicks(entries.Sum(e => e.Result.Duration.Ticks)))),
            new XAttribute("timestamp", Timestamp(report.Generated)),
            new XElement(
                "properties",
                Property("kind", target.Kind),
                Property("title", target.Title),
                Property("control", target.Control ? "true" : "false"),
                target.StartError is null ? null : Property("startError", target.StartError)));
        foreach (var entry in entries)
        {
            suite.Add(Case(entry, report.IsExpectedFailure(entry)));
        }

        return suite;
    }

    private static XElement Case(ReportEntry entry, bool expectedFailure)
    {
        var (scenario, result) = (entry.Scenario, entry.Result);
        var testcase = new XElement(
            "testcase",
            new XAttribute("classname", result.Target),
            new XAttribute("name", scenario.Id),
            new XAttribute("time", Seconds(result.Duration)),
            new XElement(
                "properties",
                Property("rule", scenario.Rule),
                Property("level", VerdictNames.Of(scenario.Level)),
                Property("verdict", VerdictNames.Of(result.Verdict)),
                scenario.Tags.Count == 0 ? null : Property("tags", string.Join(",", scenario.Tags)),
                expectedFailure ? Property("expectedFailure", "true") : null,
                result.Deviation is null ? null : Property("deviation", result.Deviation)));
        var failed = result.Verdict == Verdict.Error || (result.Verdict == Verdict.Fail && !expectedFailure);
        switch (result.Verdict)
        {
            case Verdict.Fail when expectedFailure:
                break;
            case Verdict.Fail:
                testcase.Add(new XElement("failure", new XAttribute("message", Clean(result.Summary)), new XAttribute("type", "fail"), Clean(Evidence(entry))));
                break;
            case Verdict.Error:
                testcase.Add(new XElement("error", new XAttribute("message", Clean(result.Summary)), new XAttribute("type", "error"), Clean(Evidence(entry))));
                break;
            case Verdict.Skip or Verdict.Inconclusive:
                testcase.Add(new XElement("skipped", new XAttribute("message", Clean($"{VerdictNames.Of(result.Verdict)}: {result.Summary}"))));
                break;
        }

        var output = new StringBuilder();
        if (!failed)
        {
            output.Append(Evidence(entry));
        }

        output.Append(result.RenderTranscript());
        if (output.Length > 0)
        {
            testcase.Add(new XElement("system-out", Clean(output.ToString())));
        }

        return testcase;
    }

    /// <summary>What a reader of a failed case needs first: the rule, expected vs actual, the scenario line.</summary>
    private static string Evidence(ReportEntry entry)
    {
        var (scenario, result) = (entry.Scenario, entry.Result);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{VerdictNames.Of(result.Verdict)}: {result.Summary}\n");
        text.Append(CultureInfo.InvariantCulture, $"rule: {scenario.Rule} ({VerdictNames.Of(scenario.Level)})\n");
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
            text.Append(CultureInfo.InvariantCulture, $"at: {scenario.File}:{line}\n");
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

    private static XElement CatalogErrors(RunReport report)
    {
        var suite = new XElement(
            "testsuite",
            new XAttribute("name", CatalogSuite),
            new XAttribute("tests", report.LoadErrors.Count),
            new XAttribute("failures", 0),
            new XAttribute("errors", report.LoadErrors.Count),
            new XAttribute("skipped", 0),
            new XAttribute("time", Seconds(TimeSpan.Zero)),
            new XAttribute("timestamp", Timestamp(report.Generated)));
        foreach (var error in report.LoadErrors)
        {
            suite.Add(new XElement(
                "testcase",
                new XAttribute("classname", CatalogSuite),
                new XAttribute("name", Clean(error.File)),
                new XAttribute("time", Seconds(TimeSpan.Zero)),
                new XElement("error", new XAttribute("message", Clean(error.Message)), new XAttribute("type", "scenario-load"), Clean(error.ToString()))));
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
