using System.CommandLine;
using System.Text.Json;
using ConformanceHarness.Cli.Options;
using ConformanceHarness.Diagnostics;
using ConformanceHarness.Reporting;
using ConformanceHarness.Scenarios;
using Spectre.Console;

namespace ConformanceHarness.Cli.Commands;

/// <summary><c>list</c>: the catalog (or a selection), like a dry run. Exit code 1 when a scenario file could not be loaded.</summary>
internal static class ListCommand
{
    public static readonly string[] Examples =
    [
        "conformance-harness list",
        "conformance-harness list --select smtp/rfc5321 --level must",
        "conformance-harness list --tag relay --format tsv | cut -f1",
        "conformance-harness list --tag relay --scenarios ./my-scenarios",
    ];

    public static Command Create(CliHost host, CatalogSource catalogSource)
    {
        var selection = new SelectionOptions();
        var format = new Option<string>("--format")
        {
            Description = "table (default), tsv (one scenario a line, tab-separated: id, level, rule, title, requires; for grep/awk/cut) or json",
            HelpName = "FORMAT",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "tsv", "json");
        var command = new Command("list", "List the scenarios a run would use (id, level, rule, title, requires) and the files that do not load");
        selection.AddTo(command);
        command.Add(format);
        command.SetGuardedAction(host, (parse, _) =>
        {
            var catalog = catalogSource.Load(parse);
            var scenarios = catalog.Select(selection.Read(parse));
            PhaseTrace.Mark("catalog loaded");
            switch (parse.GetValue(format))
            {
                case "tsv":
                    // One line per scenario whatever the width: a title never folds into a second line.
                    foreach (var scenario in scenarios)
                    {
                        host.OutWriter.WriteLine(string.Join('\t', Columns(scenario).Select(Flat)));
                    }

                    break;
                case "json":
                    host.OutWriter.WriteLine(JsonSerializer.Serialize(scenarios.Select(s => new ListedScenario(s.Id, VerdictNames.Of(s.Level), s.Rule, s.Title, s.Role, s.Tags, s.Requires, s.File)).ToList(), ListJsonContext.Default.ListListedScenario));
                    break;
                default:
                    var table = new Table().Border(TableBorder.Simple);
                    table.AddColumn(new TableColumn("Id").NoWrap());
                    table.AddColumn("Level");
                    table.AddColumn("Rule");
                    table.AddColumn("Title");
                    table.AddColumn("Requires");
                    foreach (var scenario in scenarios)
                    {
                        table.AddRow(Columns(scenario).Select(Markup.Escape).ToArray());
                    }

                    host.Out.Write(table);
                    host.Out.MarkupLine($"{scenarios.Count} scenario(s) selected of {catalog.Scenarios.Count} in {Markup.Escape(catalog.Folder)}");
                    break;
            }

            return Task.FromResult(catalog.Errors.Count > 0 ? ExitCodes.Failures : ExitCodes.Success);
        });
        return command;
    }

    private static string[] Columns(Scenario scenario) =>
        [scenario.Id, VerdictNames.Of(scenario.Level), scenario.Rule, scenario.Title, string.Join(", ", scenario.Requires)];

    /// <summary>A TSV field: tabs and line ends inside a value would split the row.</summary>
    private static string Flat(string value) => value.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ');
}
