using System.CommandLine;
using ConformanceHarness.Reporting;
using Spectre.Console;

namespace ConformanceHarness.Cli.Commands;

/// <summary><c>explain ID</c>: what a scenario checks, why it is graded so, and its dialogue as written.</summary>
internal static class ExplainCommand
{
    public static readonly string[] Examples =
    [
        "conformance-harness explain smtp/rfc5321/4.1.4/command-order/before-ehlo/mail",
    ];

    public static Command Create(CliHost host, CatalogSource catalogSource)
    {
        var id = new Argument<string>("ID") { Description = "The scenario id (its path below scenarios/ without .yaml); see `list`" };
        var command = new Command("explain", "Show a scenario: title, rule, level, tags, requires, why, the RFC's words, and the dialogue") { id };
        command.SetGuardedAction(host, (parse, _) =>
        {
            var catalog = catalogSource.Load(parse);
            var wanted = parse.GetValue(id)!.Trim();
            var scenario = catalog.Scenarios.FirstOrDefault(s => s.Id == wanted);
            if (scenario is null)
            {
                var near = catalog.Scenarios.Where(s => s.Id.Contains(wanted, StringComparison.OrdinalIgnoreCase)).Select(s => s.Id).Take(8).ToList();
                throw new UsageException(near.Count == 0
                    ? $"no scenario '{wanted}' in {catalog.Folder} (see `conformance-harness list`)"
                    : $"no scenario '{wanted}'; did you mean: {string.Join(", ", near)}");
            }

            var console = host.Out;
            console.Write(new Rule($"[bold]{Markup.Escape(scenario.Id)}[/]").LeftJustified());
            var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
            Row(grid, "title", scenario.Title);
            Row(grid, "rule", scenario.Rule);
            Row(grid, "level", VerdictNames.Of(scenario.Level));
            Row(grid, "role", scenario.Role);
            Row(grid, "tags", scenario.Tags.Count == 0 ? "(none)" : string.Join(", ", scenario.Tags));
            Row(grid, "requires", scenario.Requires.Count == 0 ? "(nothing)" : string.Join(", ", scenario.Requires));
            Row(grid, "file", scenario.File);
            Row(grid, "why", scenario.Why);
            Row(grid, "quote", scenario.Quote);
            console.Write(grid);
            console.WriteLine();
            console.MarkupLine("[grey]dialogue:[/]");

            // As written: Text, not markup, so that '[' and escapes stay what the file says.
            console.Write(new Text(scenario.Dialogue.TrimEnd() + "\n"));
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static void Row(Grid grid, string name, string? value)
    {
        if (value is not null)
        {
            grid.AddRow(new Markup($"[grey]{name}[/]"), new Text(value.Trim()));
        }
    }
}
