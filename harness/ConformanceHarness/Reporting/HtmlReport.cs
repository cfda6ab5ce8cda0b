using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using ConformanceHarness.Reporting.Writers;

namespace ConformanceHarness.Reporting;

/// <summary>
/// The HTML report: one self-contained file (inline CSS and script, no fetches) with a summary per target (verdict
/// counts, a score per level, the ranking) and the matrix targets × scenarios grouped by protocol and rule. Each cell
/// opens the result's evidence: summary, expected vs actual, the rule and its quote, and the byte-exact transcript in its
/// visible form (client and server lines apart, bare CR/LF and control bytes highlighted). Filters by level, tag and
/// verdict. Rendered from a <see cref="ReportDocument"/>, so it is the same after a run and from JSON files (<c>merge</c>).
/// </summary>
public static class HtmlReport
{
    public static string Symbol(string verdict) => verdict switch
    {
        DocumentVerdicts.Pass => "✓",
        DocumentVerdicts.Fail => "✗",
        DocumentVerdicts.Warn => "!",
        DocumentVerdicts.Info => "i",
        DocumentVerdicts.Skip => "-",
        DocumentVerdicts.Inconclusive => "?",
        DocumentVerdicts.Error => "E",
        _ => " ",
    };

    public static Task WriteAsync(ReportDocument document, string path, CancellationToken cancellationToken) =>
        ReportWriters.Html.WriteFileAsync(document, path, cancellationToken);

    public static string Render(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var html = new StringBuilder(64 * 1024);
        var generated = document.Generated.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<link rel=\"icon\" href=\"data:,\">\n")
            .Append("<title>ConformanceHarness report — ").Append(E(generated)).Append("</title>\n<style>").Append(HtmlStyles.Css).Append("</style>\n</head>\n<body>\n");

        var scenarios = document.Results.Select(r => r.Scenario).Distinct(StringComparer.Ordinal).Count();
        html.Append("<header><h1>ConformanceHarness report</h1><p class=\"meta\">generated ").Append(E(generated))
            .Append(" · ").Append(document.Targets.Count).Append(" target(s) · ").Append(scenarios).Append(" scenario(s) · ")
            .Append(document.Results.Count).Append(" result(s) · ");
        HtmlSummary.AppendTally(html, ReportDocument.TallyOf(document.Results));
        // Every Fail is in the headline; "foreseen" only says whether the run fails (the exit code), not whether they are shown.
        var headline = RunHeadline.Of(document);
        html.Append(" · <b class=\"").Append(headline.Clean ? "good" : "bad").Append("\">").Append(E(headline.ToString())).Append("</b></p>");
        if (document.Partial)
        {
            html.Append("<p class=\"meta bad\"><b>partial report:</b> the run was interrupted; only the results that finished are here</p>");
        }

        html.Append("</header>\n");

        HtmlSummary.AppendSummary(html, document);
        HtmlSummary.AppendLoadErrors(html, document);
        HtmlMatrix.AppendFilters(html, document);
        HtmlMatrix.AppendMatrix(html, document);

        html.Append("<aside id=\"detail\" hidden aria-live=\"polite\"><button id=\"detail-close\" type=\"button\" title=\"close (Esc)\">×</button><div id=\"detail-body\"></div></aside>\n");
        html.Append("<script id=\"report-data\" type=\"application/json\">")
            .Append(JsonSerializer.Serialize(document, ReportJsonContext.Embedded.ReportDocument)) // the default encoder escapes '<', so no "</script>" can appear
            .Append("</script>\n<script>").Append(HtmlDetailScript.Script).Append("</script>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Every text from a report (a server's bytes included) is encoded before it is part of the page.</summary>
    internal static string E(string text) => WebUtility.HtmlEncode(text);
}
