using ConformanceHarness.Reporting;
using Spectre.Console;

namespace ConformanceHarness.Cli.Rendering;

/// <summary>The table at the end of <c>run</c>: one row per scenario.</summary>
public static class ResultTable
{
    public static Table Build(IEnumerable<ReportEntry> entries)
    {
        var table = new Table().Border(TableBorder.Rounded).Expand();
        table.AddColumn(new TableColumn("Scenario").NoWrap());
        table.AddColumn("Rule");
        table.AddColumn("Level");
        table.AddColumn(new TableColumn("Verdict").NoWrap());
        table.AddColumn("Summary");
        foreach (var (scenario, result) in entries)
        {
            var summary = Markup.Escape(result.Summary);
            if (result.Deviation is not null)
            {
                summary += " [grey](known deviation)[/]";
            }

            table.AddRow(
                Markup.Escape(scenario.Id),
                Markup.Escape(scenario.Rule),
                Markup.Escape(VerdictNames.Of(scenario.Level)),
                VerdictStyle.Markup(result.Verdict),
                summary);
        }

        return table;
    }
}
