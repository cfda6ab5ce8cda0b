using Spectre.Console;

namespace ConformanceHarness.Bench;

/// <summary>Prints figures as a table (plain text when the output is a file or a pipe).</summary>
internal static class FigureTable
{
    public static void Write(string title, IEnumerable<Figure> figures)
    {
        var table = new Table { Title = new TableTitle(title) }.AddColumns("figure", "value", "goal", "met");
        foreach (var figure in figures)
        {
            var met = figure.Met switch
            {
                true => "[green]yes[/]",
                false => "[red]no[/]",
                null => string.Empty,
            };
            table.AddRow(Markup.Escape(figure.Name), Markup.Escape(figure.Value), Markup.Escape(figure.Goal), met);
        }

        AnsiConsole.Write(table);
    }
}
