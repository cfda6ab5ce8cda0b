using System.CommandLine;
using ConformanceHarness.Cli.Options;
using ConformanceHarness.Cli.Rendering;
using ConformanceHarness.Reporting;
using ConformanceHarness.Reporting.Writers;
using ConformanceHarness.Scenarios;
using ConformanceHarness.Targets;
using Spectre.Console;

namespace ConformanceHarness.Cli.Commands;

/// <summary>
/// The end of <c>run</c>, <c>compare</c> and <c>merge</c>: the ranking, the changes against a baseline, every report file
/// (<see cref="ReportWriters.Select"/>: JUnit, JSON, SARIF, HTML), and the exit code (<c>--fail-on regressions</c>: only
/// new failures against the baseline). The HTML report's path is the last line printed.
/// </summary>
internal static class ReportOutputs
{
    /// <summary>
    /// The rest of <c>run</c> and <c>compare</c> once the targets and scenarios are known: load the baseline, run (only the
    /// shard's part, with <c>--shard</c>), print the results through <paramref name="writeResults"/> (or, against a
    /// baseline, only the changes), write every report file, and return the exit code.
    /// </summary>
    public static async Task<int> RunAndFinishAsync(
        CliHost host,
        ParseResult parse,
        MatrixOptions options,
        IReadOnlyList<TargetProfile> profiles,
        IReadOnlyList<Scenario> scenarios,
        IReadOnlyList<ScenarioError> loadErrors,
        Action<IAnsiConsole, RunReport, bool> writeResults,
        bool ranking,
        CancellationToken cancellationToken)
    {
        var outputs = options.Reports.Read(parse);
        var baseline = await LoadBaselineAsync(outputs, cancellationToken).ConfigureAwait(false);
        var settings = options.Execution.Read(parse) with { Shard = outputs.Shard };
        var report = await MatrixRun.ExecuteAsync(host, profiles, scenarios, loadErrors, settings, cancellationToken).ConfigureAwait(false);
        if (baseline is null)
        {
            writeResults(host.Out, report, settings.Verbose);
        }

        var files = ReportWriters.Select(junit: settings.JUnitPath, json: settings.JsonPath, sarif: outputs.SarifPath, html: outputs.HtmlPath);
        return await FinishAsync(host, ReportDocument.FromRun(report), outputs, baseline, ranking, files, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Read before the run, so that a missing or foreign baseline is a usage error, not minutes later.</summary>
    public static async Task<ReportDocument?> LoadBaselineAsync(ReportSettings settings, CancellationToken cancellationToken)
    {
        if (settings.BaselinePath is not { } path)
        {
            return null;
        }

        if (!File.Exists(path))
        {
            throw new UsageException($"--baseline {path}: no such file");
        }

        try
        {
            return await ReportDocument.LoadAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            throw new UsageException($"--baseline {e.Message}");
        }
    }

    public static async Task<int> FinishAsync(
        CliHost host, ReportDocument document, ReportSettings settings, ReportDocument? baseline, bool ranking, IReadOnlyList<ReportFile> files, CancellationToken cancellationToken)
    {
        if (ranking && document.Targets.Count(t => !t.Control) >= 2)
        {
            ScorecardView.Write(host.Out, document);
        }

        BaselineDiff? diff = null;
        if (baseline is not null)
        {
            diff = BaselineDiff.Compare(baseline, document);
            BaselineView.Write(host.Out, diff, settings.BaselinePath!);
        }

        foreach (var file in files)
        {
            await file.WriteAsync(document, cancellationToken).ConfigureAwait(false);
            if (file.Writer == ReportWriters.Html)
            {
                host.Out.WriteLine();
                host.Out.Write(new Text($"HTML report: {Path.GetFullPath(file.Path)}").Overflow(Overflow.Fold));
                host.Out.WriteLine();
            }
            else
            {
                host.Error.MarkupLine($"[grey]{file.Writer.Format} report: {Markup.Escape(file.Path)}[/]");
            }
        }

        if (settings.FailOnRegressionsOnly)
        {
            return diff!.HasRegressions ? ExitCodes.Failures : ExitCodes.Success;
        }

        return document.HasFailures ? ExitCodes.Failures : ExitCodes.Success;
    }
}
