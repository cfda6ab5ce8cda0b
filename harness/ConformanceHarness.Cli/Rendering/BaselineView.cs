using ConformanceHarness.Reporting;
using Spectre.Console;

namespace ConformanceHarness.Cli.Rendering;

/// <summary><c>--baseline</c>: only what changed since the baseline report, regressions first.</summary>
internal static class BaselineView
{
    private static readonly (BaselineChange Change, string Title, string Colour)[] Sections =
    [
        (BaselineChange.NewFailure, "new failures", "red"),
        (BaselineChange.Fixed, "fixed", "green"),
        (BaselineChange.NewlySkipped, "newly skipped", "yellow"),
        (BaselineChange.Changed, "changed", "blue"),
        (BaselineChange.Gone, "no longer run", "grey"),
    ];

    public static void Write(IAnsiConsole console, BaselineDiff diff, string baselinePath)
    {
        console.WriteLine();
        var counts = string.Join(", ", Sections.Select(s => $"[{s.Colour}]{diff.Count(s.Change)} {s.Title}[/]"));
        console.MarkupLine($"[bold]Against the baseline {Markup.Escape(baselinePath)}:[/] {counts}, {diff.Count(BaselineChange.Unchanged)} unchanged");
        foreach (var error in diff.NewLoadErrors)
        {
            console.MarkupLine($"  [red]new load error[/] {Markup.Escape($"{error.File}:{error.Line}: {error.Message}")}");
        }

        foreach (var (change, title, colour) in Sections)
        {
            var items = diff.Of(change).ToList();
            if (items.Count == 0)
            {
                continue;
            }

            console.MarkupLine($"[{colour} bold]{Markup.Escape(title)}[/]");
            foreach (var item in items)
            {
                var move = $"{item.Before ?? "(new)"} → {item.After ?? "(not run)"}";
                var summary = item.Result is { } r ? $"  {r.Summary}" : string.Empty;
                console.MarkupLine($"  [{colour}]{Markup.Escape(item.Scenario)}[/] @ {Markup.Escape(item.Target)}  [grey]{Markup.Escape(move)}{Markup.Escape(summary)}[/]");
            }
        }

        if (diff.Count(BaselineChange.NewFailure) == 0 && diff.NewLoadErrors.Count == 0)
        {
            console.MarkupLine("[green]no regressions against the baseline[/]");
        }
    }
}
