using ConformanceHarness.Reporting;
using Spectre.Console;

namespace ConformanceHarness.Cli.Rendering;

/// <summary>The <c>compare</c> matrix: one row per scenario, one column per target, a verdict symbol per cell.</summary>
public static class MatrixView
{
    public static Table Build(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn("Scenario").NoWrap());
        foreach (var target in report.Targets)
        {
            table.AddColumn(new TableColumn(Markup.Escape(target.Name)).Centered());
        }

        var cells = report.Entries.ToDictionary(e => (e.Scenario.Id, e.Result.Target), e => e.Result);
        var rows = report.Entries.Select(e => e.Scenario).DistinctBy(s => s.Id).OrderBy(s => s.Id, StringComparer.Ordinal);
        foreach (var scenario in rows)
        {
            var row = new List<string> { Markup.Escape(scenario.Id) };
            foreach (var target in report.Targets)
            {
                // Blank: this target is not graded on this scenario's protocol.
                row.Add(cells.TryGetValue((scenario.Id, target.Name), out var result) ? VerdictStyle.SymbolMarkup(result.Verdict) : " ");
            }

            table.AddRow(row.ToArray());
        }

        return table;
    }

    /// <summary>One line per target: its counts per verdict, and why it did not start if it did not.</summary>
    public static void WriteSummary(IAnsiConsole console, RunReport report)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
        var width = report.Targets.Select(t => t.Name.Length).DefaultIfEmpty(0).Max();
        foreach (var target in report.Targets)
        {
            var control = target.Control ? " [grey](control)[/]" : string.Empty;
            var expected = report.ExpectedFailures(target.Name);
            var foreseen = expected == 0 ? string.Empty : $" [grey]({expected} fail(s) foreseen by the profile)[/]";
            console.MarkupLine($"{Markup.Escape(target.Name.PadRight(width))}  {VerdictStyle.TallyMarkup(report.Tally(target.Name))}{control}{foreseen}");
            foreach (var group in CauseGroup.Of(report.Entries.Select(e => e.Result).Where(r => r.Target == target.Name)))
            {
                console.MarkupLine($"{new string(' ', width)}  [grey]{Markup.Escape(group.ToString())}[/]");
            }

            if (target.StartError is not null)
            {
                console.MarkupLine($"{new string(' ', width)}  [red]did not start: {Markup.Escape(target.StartError.Split('\n', 2)[0])}[/]");
            }
        }
    }
}
