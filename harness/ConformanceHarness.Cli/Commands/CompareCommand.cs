using System.CommandLine;
using ConformanceHarness.Cli.Options;
using ConformanceHarness.Cli.Rendering;
using ConformanceHarness.Reporting;
using ConformanceHarness.Targets;
using Spectre.Console;

namespace ConformanceHarness.Cli.Commands;

/// <summary><c>compare</c>: the catalog over several targets, as a matrix scenario × target.</summary>
internal static class CompareCommand
{
    public static readonly string[] Examples =
    [
        "conformance-harness compare --bundled",
        "conformance-harness compare --target \"process:python3 alice.py {port}\" --target \"process:python3 bob.py {port}\"",
        "conformance-harness compare --target container:postfix --target container:exim --tag relay --junit junit.xml",
    ];

    public static Command Create(CliHost host, CatalogSource catalogSource)
    {
        var targets = new Option<string[]>("--target", "-T")
        {
            Description = "A target (repeatable): live:HOST:PORT[/ROLE], process:COMMAND (with {port}), container:NAME, profile:FILE.yaml",
            HelpName = "SPEC",
        };
        var bundled = new Option<bool>("--bundled") { Description = "Every bundled target (harness/targets/*.yaml), controls included" };
        var options = new MatrixOptions();
        var command = new Command("compare", "Run the scenarios against several targets at once and print a matrix scenario × target") { targets, bundled };
        options.AddTo(command);
        command.SetGuardedAction(host, async (parse, cancellationToken) =>
        {
            var specs = parse.GetValue(targets) ?? [];
            if (specs.Length == 0 && !parse.GetValue(bundled))
            {
                throw new UsageException("compare needs targets: --target SPEC (repeatable) or --bundled");
            }

            var catalog = catalogSource.Load(parse);
            var scenarios = catalog.Select(options.Selection.Read(parse));
            var overrides = options.Identity.Read(parse);
            var profiles = specs.Select(s => TargetResolver.Resolve(s, overrides)).ToList();
            if (parse.GetValue(bundled))
            {
                profiles.AddRange(BundledTargets.LoadAll().Select(p => TargetResolver.Resolve($"container:{p.Name}", overrides)));
            }

            catalog.CheckProfiles(profiles);
            return await ReportOutputs.RunAndFinishAsync(host, parse, options, profiles, scenarios, catalog.Errors, Write, ranking: true, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static void Write(IAnsiConsole console, RunReport report, bool verbose)
    {
        console.WriteLine();
        console.Write(MatrixView.Build(report));
        console.MarkupLine(VerdictStyle.Legend());
        console.WriteLine();
        MatrixView.WriteSummary(console, report);
        if (verbose)
        {
            foreach (var entry in report.Entries.Where(e => ResultDetails.Shows(e.Result, verbose: false)))
            {
                ResultDetails.Write(console, entry, verbose: false);
            }
        }

        if (report.LoadErrors.Count > 0)
        {
            console.MarkupLine($"[red]{report.LoadErrors.Count} scenario file(s) could not be loaded (see above)[/]");
        }
    }
}
