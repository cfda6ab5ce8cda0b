using ConformanceHarness.Reporting;
using Spectre.Console;

namespace ConformanceHarness.Cli.Rendering;

/// <summary>The table at the end of <c>run</c>: one row per scenario.</summary>
public static class ResultTable
{
    /// <summary>Below this many columns the rule and level are left out: the summary needs the room more.</summary>
    public const int FullWidth = 140;

    public static Table Build(IEnumerable<ReportEntry> entries, int width = FullWidth, Func<ReportEntry, bool>? expectedFailure = null)
    {
        var full = width >= FullWidth;
        var table = new Table().Border(TableBorder.Rounded).Expand();
        table.AddColumn(new TableColumn("Scenario").NoWrap());
        if (full)
        {
            table.AddColumn("Rule");
            table.AddColumn("Level");
        }

        table.AddColumn(new TableColumn("Verdict").NoWrap());
        table.AddColumn("Summary");
        foreach (var entry in entries)
        {
            var (scenario, result) = entry;
            var summary = Markup.Escape(result.Summary);
            if (result.Deviation is not null)
            {
                summary += " [grey](known deviation)[/]";
            }
            else if (expectedFailure?.Invoke(entry) == true)
            {
                summary += " [grey](expected: the control is built to fail this)[/]";
            }

            var cells = new List<string> { Markup.Escape(scenario.Id) };
            if (full)
            {
                cells.Add(Markup.Escape(scenario.Rule));
                cells.Add(Markup.Escape(VerdictNames.Of(scenario.Level)));
            }

            cells.Add(VerdictStyle.Markup(result.Verdict));
            cells.Add(summary);
            table.AddRow(cells.ToArray());
        }

        return table;
    }
}
