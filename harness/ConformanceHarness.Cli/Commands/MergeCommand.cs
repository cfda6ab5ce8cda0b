using System.CommandLine;
using ConformanceHarness.Cli.Options;
using ConformanceHarness.Reporting;
using ConformanceHarness.Reporting.Writers;
using Spectre.Console;

namespace ConformanceHarness.Cli.Commands;

/// <summary><c>merge</c>: JSON reports (the shards of a sharded run, or separate runs) into one JSON, HTML and SARIF report.</summary>
internal static class MergeCommand
{
    public static readonly string[] Examples =
    [
        "conformance-harness merge shard-*.json --html report.html --json report.json",
        "conformance-harness merge postfix.json exim.json --html compare.html --sarif results.sarif",
        "conformance-harness merge shard-*.json --json report.json --baseline main.json --fail-on regressions",
    ];

    public static Command Create(CliHost host)
    {
        var files = new Argument<string[]>("REPORT") { Description = "JSON reports (conformance-harness/report/v1) to merge, in order", Arity = ArgumentArity.OneOrMore };
        var json = new Option<string?>("--json") { Description = "Write the merged JSON report to FILE", HelpName = "FILE" };
        var reports = new ReportOptions();
        var command = new Command("merge", "Merge JSON reports (e.g. the shards of a --shard run) into one report; exit code 1 when the merged results hold a Fail or Error") { files, json };
        reports.AddTo(command, shard: false);
        command.SetGuardedAction(host, async (parse, cancellationToken) =>
        {
            var settings = reports.Read(parse);
            var jsonPath = parse.GetValue(json);
            if (settings.HtmlPath is null && settings.SarifPath is null && jsonPath is null && settings.BaselinePath is null)
            {
                throw new UsageException("merge needs somewhere to put the result: --html FILE, --json FILE or --sarif FILE (or --baseline FILE to print the changes)");
            }

            var outputs = ReportWriters.Select(json: jsonPath, sarif: settings.SarifPath, html: settings.HtmlPath);
            ReportOutputs.CheckPaths(outputs);
            var documents = new List<ReportDocument>();
            foreach (var file in parse.GetValue(files) ?? [])
            {
                if (!File.Exists(file))
                {
                    throw new UsageException($"{file}: no such file");
                }

                try
                {
                    documents.Add(await ReportDocument.LoadAsync(file, cancellationToken).ConfigureAwait(false));
                }
                catch (InvalidDataException e)
                {
                    throw new UsageException(e.Message);
                }
            }

            var baseline = await ReportOutputs.LoadBaselineAsync(settings, cancellationToken).ConfigureAwait(false);
            var warnings = new List<string>();
            var merged = ReportMerge.Merge(documents, warnings);
            foreach (var warning in warnings)
            {
                host.Error.MarkupLine($"[yellow]{Markup.Escape(warning)}[/]");
            }

            var width = merged.Targets.Select(t => t.Name.Length).DefaultIfEmpty(0).Max();
            host.Out.MarkupLine($"merged {documents.Count} report(s): {merged.Results.Count} result(s) on {merged.Targets.Count} target(s)");
            foreach (var target in merged.Targets)
            {
                var tally = merged.Tally(target.Name).ToString();
                host.Out.MarkupLine($"{Markup.Escape(target.Name.PadRight(width))}  {Markup.Escape(tally)}{(target.Control ? " [grey](control)[/]" : string.Empty)}");
            }

            return await ReportOutputs.FinishAsync(host, merged, settings, baseline, ranking: true, outputs, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
