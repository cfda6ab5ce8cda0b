using ConformanceHarness.Reporting;
using ConformanceHarness.Wire;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ConformanceHarness.Cli.Rendering;

/// <summary>A transcript on the console: what the harness sent in cyan, the server's lines plain, notes grey.</summary>
public static class TranscriptView
{
    public static IRenderable Render(IEnumerable<TranscriptEntry> entries, string indent = "    ")
    {
        var lines = TranscriptLine.Of(entries);
        if (lines.Count == 0)
        {
            return new Text($"{indent}(nothing was sent or received)\n", new Style(Color.Grey));
        }

        var rows = lines.Select(line =>
        {
            var connection = line.Connection == "main" ? string.Empty : $"[{line.Connection}] ";
            var (tag, style) = line.Direction switch
            {
                TranscriptDirection.Client => ("C: ", new Style(Color.Aqua)),
                TranscriptDirection.Server => ("S: ", Style.Plain),
                _ => ("-- ", new Style(Color.Grey)),
            };

            // Text, never markup: a server's reply is data and may hold '[' or anything else.
            return (IRenderable)new Text($"{indent}{connection}{tag}{line.Text}", style);
        });
        return new Rows(rows);
    }
}
