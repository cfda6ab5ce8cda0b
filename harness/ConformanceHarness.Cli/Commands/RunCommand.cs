using System.CommandLine;
using ConformanceHarness.Cli.Catalog;
using ConformanceHarness.Cli.Options;
using ConformanceHarness.Cli.Rendering;
using ConformanceHarness.Diagnostics;
using ConformanceHarness.Reporting;
using ConformanceHarness.Targets;
using Spectre.Console;

namespace ConformanceHarness.Cli.Commands;

/// <summary><c>run --target SPEC</c>: the catalog (or a selection) on one target, a table, and the evidence of each failure.</summary>
internal static class RunCommand
{
    public static readonly string[] Examples =
    [
        "conformance-harness run --target live:127.0.0.1:2525",
        "conformance-harness run --target \"process:python3 my_server.py --port {port}\" --junit reports/junit.xml",
        "conformance-harness run --target container:postfix --select smtp/rfc5321/4.1.4 --verbose",
        "conformance-harness run --target live:mail.example.test:110/pop3 --user alice --password secret",
        "conformance-harness run --target profile:my-server.yaml --level must --level security --json report.json",
    ];

    public static Command Create(CliHost host, CatalogSource catalogSource)
    {
        var target = new Option<string>("--target", "-T")
        {
            Description = "The target: live:HOST:PORT[/ROLE], process:COMMAND (with {port}), container:NAME (bundled), profile:FILE.yaml",
            HelpName = "SPEC",
            Required = true,
        };
        var options = new MatrixOptions();
        var command = new Command("run", "Run the scenarios against one target; exit code 1 when any Fail or Error") { target };
        options.AddTo(command);
        command.SetGuardedAction(host, async (parse, cancellationToken) =>
        {
            var selection = options.Selection.Read(parse);
            var profile = TargetResolver.Resolve(parse.GetValue(target)!, options.Identity.Read(parse));
            // A user's profile file is checked against every id of the catalog (its deviations must name scenarios), so then all of it is read.
            var catalog = catalogSource.Load(parse, LoadedCatalog.IsChecked(profile) ? null : selection);
            var scenarios = catalog.Select(selection);
            catalog.CheckProfiles([profile]);
            PhaseTrace.Mark("catalog loaded");
            return await ReportOutputs.RunAndFinishAsync(host, parse, options, [profile], scenarios, catalog.Errors, Write, ranking: false, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static void Write(IAnsiConsole console, RunReport report, bool verbose)
    {
        console.WriteLine();
        foreach (var target in report.Targets.Where(t => t.StartError is not null))
        {
            // Every scenario would say the same: say it once, in full.
            console.Write(new Panel(new Text(target.StartError!)).Header($"[red]target {Markup.Escape(target.Name)} did not start[/]").BorderColor(Color.Red));
        }

        var graded = report.Entries.Where(e => report.Targets.First(t => t.Name == e.Result.Target).StartError is null).ToList();
        if (graded.Count > 0)
        {
            console.Write(ResultTable.Build(graded, console.Profile.Width, report.IsExpectedFailure));
            foreach (var entry in graded.Where(e => ResultDetails.Shows(e.Result, verbose)))
            {
                ResultDetails.Write(console, entry, verbose);
            }
        }

        console.WriteLine();
        MatrixView.WriteSummary(console, report);
        if (report.LoadErrors.Count > 0)
        {
            console.MarkupLine($"[red]{report.LoadErrors.Count} scenario file(s) could not be loaded (see above)[/]");
        }
    }
}
