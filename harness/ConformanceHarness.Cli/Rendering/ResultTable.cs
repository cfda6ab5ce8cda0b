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
        var all = entries.ToList();
        foreach (var entry in all.Where(e => e.Result.CauseReportedBy is null))
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

        // One row per cause for the scenarios that merely ran into it: the scenario about it has its own row above.
        foreach (var group in CauseGroup.Of(all.Select(e => e.Result)))
        {
            var cells = new List<string> { Markup.Escape($"{group.NotGraded} scenario(s)") };
            if (full)
            {
                cells.Add(string.Empty);
                cells.Add(string.Empty);
            }

            cells.Add(VerdictStyle.Markup(Running.Verdict.Skip));
            cells.Add(Markup.Escape($"not graded: {group.Text}, see {group.ReportedBy}"));
            table.AddRow(cells.ToArray());
        }

        return table;
    }
}
