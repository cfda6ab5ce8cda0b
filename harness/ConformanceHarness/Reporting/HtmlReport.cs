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

    /// <summary>The whole page as one string (tests, and callers that want it in memory).</summary>
    public static string Render(ReportDocument document) =>
        Page(document) + JsonSerializer.Serialize(document, ReportJsonContext.Embedded.ReportDocument) + PageEnd;

    /// <summary>
    /// The page written as it is made: the embedded data — every transcript, most of the page (9 MB of 9.3 for the
    /// 16-target main job) — is serialised straight into the stream instead of into a string inside a string builder,
    /// which held the report three times over (the JSON text, the page, its UTF-8 bytes) at the end of a run.
    /// </summary>
    public static async Task WriteAsync(ReportDocument document, Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        await ReportWriters.WriteTextAsync(stream, Page(document), cancellationToken).ConfigureAwait(false);
        await JsonSerializer.SerializeAsync(stream, document, ReportJsonContext.Embedded.ReportDocument, cancellationToken).ConfigureAwait(false);
        await ReportWriters.WriteTextAsync(stream, PageEnd, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What follows the embedded data: the script that reads it.</summary>
    private static string PageEnd => "</script>\n<script>" + HtmlDetailScript.Script + "</script>\n</body>\n</html>\n";

    /// <summary>The page up to the embedded data (the JSON report, <see cref="ReportJsonContext.Embedded"/>: the default encoder escapes '&lt;', so no "&lt;/script&gt;" can appear in it).</summary>
    private static string Page(ReportDocument document)
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
        html.Append("<script id=\"report-data\" type=\"application/json\">");
        return html.ToString();
    }

    /// <summary>Every text from a report (a server's bytes included) is encoded before it is part of the page.</summary>
    internal static string E(string text) => WebUtility.HtmlEncode(text);
}
