using System.CommandLine;
using ConformanceHarness.Cli.Options;
using ConformanceHarness.Reporting;
using Spectre.Console;

namespace ConformanceHarness.Cli.Commands;

/// <summary><c>list</c>: the catalog (or a selection), like a dry run. Exit code 1 when a scenario file could not be loaded.</summary>
internal static class ListCommand
{
    public static readonly string[] Examples =
    [
        "conformance-harness list",
        "conformance-harness list --select smtp/rfc5321 --level must",
        "conformance-harness list --tag relay --scenarios ./my-scenarios",
    ];

    public static Command Create(CliHost host, CatalogSource catalogSource)
    {
        var selection = new SelectionOptions();
        var command = new Command("list", "List the scenarios a run would use (id, level, rule, title, requires) and the files that do not load");
        selection.AddTo(command);
        command.SetGuardedAction(host, (parse, _) =>
        {
            var catalog = catalogSource.Load(parse);
            var scenarios = catalog.Select(selection.Read(parse));
            var table = new Table().Border(TableBorder.Simple);
            table.AddColumn(new TableColumn("Id").NoWrap());
            table.AddColumn("Level");
            table.AddColumn("Rule");
            table.AddColumn("Title");
            table.AddColumn("Requires");
            foreach (var scenario in scenarios)
            {
                table.AddRow(
                    Markup.Escape(scenario.Id),
                    Markup.Escape(VerdictNames.Of(scenario.Level)),
                    Markup.Escape(scenario.Rule),
                    Markup.Escape(scenario.Title),
                    Markup.Escape(string.Join(", ", scenario.Requires)));
            }

            host.Out.Write(table);
            host.Out.MarkupLine($"{scenarios.Count} scenario(s) selected of {catalog.Scenarios.Count} in {Markup.Escape(catalog.Folder)}");
            return Task.FromResult(catalog.Errors.Count > 0 ? ExitCodes.Failures : ExitCodes.Success);
        });
        return command;
    }
}
