using ConformanceHarness.Reporting;
using Spectre.Console;

namespace ConformanceHarness.Cli.Rendering;

/// <summary><c>compare</c>'s ranking: one scorecard per target, best first (controls listed, not ranked).</summary>
internal static class ScorecardView
{
    public static void Write(IAnsiConsole console, ReportDocument document)
    {
        var table = new Table().Border(TableBorder.Simple).Title("[bold]Ranking[/]");
        table.AddColumn("#");
        table.AddColumn("target");
        foreach (var level in Scorecard.ScoredLevels)
        {
            table.AddColumn(new TableColumn(level).RightAligned());
        }

        table.AddColumn(new TableColumn("score").RightAligned());
        table.AddColumn("verdicts");
        var rank = 0;
        foreach (var card in Scorecard.Rank(document))
        {
            var place = card.Control || card.Score is null ? "–" : (++rank).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var name = Markup.Escape(card.Target) + (card.Control ? " [grey](control)[/]" : string.Empty);
            var tally = string.Join(" ", DocumentVerdicts.All.Where(v => card.Tally.GetValueOrDefault(v) > 0).Select(v => $"{card.Tally[v]} {Markup.Escape(HtmlReport.Symbol(v))}"))
                + (card.Foreseen > 0 ? $" [grey]({card.Foreseen} fail foreseen)[/]" : string.Empty);
            table.AddRow([place, name, .. Scorecard.ScoredLevels.Select(l => Scorecard.Percent(card.ScoreByLevel[l])), $"[bold]{Scorecard.Percent(card.Score)}[/]", tally]);
        }

        console.WriteLine();
        console.Write(table);
        console.MarkupLine("[grey]score = (pass + ½ warn) ÷ (pass + warn + fail + error); every fail counts, foreseen or not (foreseen decides only the exit code); skip, inconclusive and info are not scored; controls are not ranked[/]");
        var headline = RunHeadline.Of(document);
        console.MarkupLine(headline.Clean ? $"[green]{headline}[/]" : $"[red]{Markup.Escape(headline.ToString())}[/]");
    }
}
