using System.Globalization;
using System.Text;

namespace ConformanceHarness.Reporting;

/// <summary>The HTML report's summary: a scorecard per target (verdict counts, a score per level, the ranking) and the load errors.</summary>
internal static class HtmlSummary
{
    internal static void AppendSummary(StringBuilder html, ReportDocument document)
    {
        var ranked = Scorecard.Rank(document);
        var targets = document.Targets.ToDictionary(t => t.Name, StringComparer.Ordinal);
        html.Append("<section id=\"summary\"><h2>Targets</h2>\n<table class=\"scorecards\"><thead><tr><th>#</th><th>target</th><th>verdicts</th>");
        foreach (var level in Scorecard.ScoredLevels)
        {
            html.Append("<th>").Append(level).Append("</th>");
        }

        html.Append("<th>score</th></tr></thead><tbody>\n");
        var rank = 0;
        foreach (var card in ranked)
        {
            var target = targets[card.Target];
            var place = target.Control || card.Score is null ? "–" : (++rank).ToString(CultureInfo.InvariantCulture);
            html.Append("<tr class=\"scorecard\" data-target=\"").Append(HtmlReport.E(card.Target)).Append("\"><td>").Append(place).Append("</td><td><b>")
                .Append(HtmlReport.E(card.Target)).Append("</b>");
            if (target.Control)
            {
                html.Append(" <span class=\"badge control\" title=\"a deliberately misconfigured control: its failures are the point\">control</span>");
            }

            html.Append("<br><small>").Append(HtmlReport.E(target.Title)).Append(" · ").Append(HtmlReport.E(target.Kind)).Append("</small>");
            if (target.StartError is not null)
            {
                html.Append("<div class=\"start-error\">did not start: ").Append(HtmlReport.E(target.StartError)).Append("</div>");
            }

            html.Append("</td><td>");
            AppendTally(html, card.Tally);
            if (card.Foreseen > 0)
            {
                html.Append("<br><small class=\"foreseen\">").Append(card.Foreseen).Append(" fail foreseen by the profile (counted in the score)</small>");
            }

            html.Append("</td>");
            foreach (var level in Scorecard.ScoredLevels)
            {
                AppendScore(html, card.ScoreByLevel[level]);
            }

            AppendScore(html, card.Score);
            html.Append("</tr>\n");
        }

        html.Append("</tbody></table>\n<p class=\"note\">score = (pass + ½ warn) ÷ (pass + warn + fail + error) per level; every fail counts, foreseen by the profile or not (foreseen decides only the exit code); skip, inconclusive and info are not scored. Controls are not ranked.</p></section>\n");
    }

    private static void AppendScore(StringBuilder html, double? score)
    {
        var width = score is { } s ? (int)Math.Round(s * 100) : 0;
        html.Append("<td class=\"score\"><span class=\"bar\"><span style=\"width:").Append(width).Append("%\"></span></span> ")
            .Append(HtmlReport.E(Scorecard.Percent(score))).Append("</td>");
    }

    internal static void AppendTally(StringBuilder html, IReadOnlyDictionary<string, int> tally)
    {
        foreach (var verdict in DocumentVerdicts.All)
        {
            var count = tally.GetValueOrDefault(verdict);
            if (count == 0 && verdict is not (DocumentVerdicts.Pass or DocumentVerdicts.Fail or DocumentVerdicts.Error))
            {
                continue;
            }

            html.Append("<span class=\"chip v-").Append(verdict).Append("\" title=\"").Append(verdict).Append("\">")
                .Append(count).Append(' ').Append(HtmlReport.E(HtmlReport.Symbol(verdict))).Append(' ').Append(verdict).Append("</span> ");
        }
    }

    internal static void AppendLoadErrors(StringBuilder html, ReportDocument document)
    {
        if (document.LoadErrors.Count == 0)
        {
            return;
        }

        html.Append("<section id=\"load-errors\"><h2>Scenario files that could not be loaded</h2><ul>");
        foreach (var error in document.LoadErrors)
        {
            html.Append("<li><code>").Append(HtmlReport.E(error.File)).Append(':').Append(error.Line).Append("</code> ").Append(HtmlReport.E(error.Message)).Append("</li>");
        }

        html.Append("</ul></section>\n");
    }
}
