using System.CommandLine;
using ConformanceHarness.Cli.Execution;
using ConformanceHarness.Cli.Options;
using ConformanceHarness.Cli.Rendering;
using ConformanceHarness.Diagnostics;
using ConformanceHarness.Reporting;
using ConformanceHarness.Running;
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
        var settings = options.Execution.Read(parse) with { Shard = outputs.Shard };
        var files = ReportWriters.Select(junit: settings.JUnitPath, json: settings.JsonPath, sarif: outputs.SarifPath, html: outputs.HtmlPath);
        CheckPaths(files);
        var baseline = await LoadBaselineAsync(outputs, cancellationToken).ConfigureAwait(false);

        // The previous run's durations (the baseline, or the JSON report this run is about to replace): longest first.
        if (await ScenarioCosts.LoadAsync(outputs.BaselinePath ?? settings.JsonPath ?? string.Empty, cancellationToken).ConfigureAwait(false) is { Count: > 0 } costs)
        {
            settings = settings with { Options = settings.Options with { Costs = costs } };
            host.Error.WriteLine($"start order: longest first, from {costs.Count} durations in {outputs.BaselinePath ?? settings.JsonPath}");
        }

        RunReport report;
        try
        {
            report = await MatrixRun.ExecuteAsync(host, profiles, scenarios, loadErrors, settings, cancellationToken).ConfigureAwait(false);
        }
        catch (RunInterruptedException e)
        {
            // Ctrl+C: what finished is still written, marked partial (JSON "partial": true, an HTML banner); then exit 130.
            host.Error.MarkupLine($"[yellow]interrupted: the reports hold only the {e.Partial.Entries.Count} result(s) that finished (marked partial)[/]");
            await FinishAsync(host, ReportDocument.FromRun(e.Partial), outputs with { BaselinePath = null, FailOnRegressionsOnly = false }, null, ranking: false, files, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        PhaseTrace.Mark("run finished");
        if (baseline is null)
        {
            writeResults(host.Out, report, settings.Verbose);
            PhaseTrace.Mark("results written");
        }

        return await FinishAsync(host, ReportDocument.FromRun(report), outputs, baseline, ranking, files, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every report path is checked before the run (a directory, a missing or read-only place): a usage error at once, one line.</summary>
    public static void CheckPaths(IReadOnlyList<ReportFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        foreach (var file in files)
        {
            if (ReportFiles.Problem(file.Path) is { } problem)
            {
                throw new UsageException($"--{file.Writer.Format.ToLowerInvariant()} {problem}");
            }
        }
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

        // Each file on its own: one that cannot be written (the disk filled up, the folder went away) loses no other.
        var unwritten = 0;
        var written = new List<ReportFile>();
        foreach (var file in files)
        {
            try
            {
                await file.WriteAsync(document, cancellationToken).ConfigureAwait(false);
                written.Add(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                unwritten++;
                host.Error.MarkupLine($"[red]error:[/] the {Markup.Escape(file.Writer.Format)} report could not be written to {Markup.Escape(file.Path)}: {Markup.Escape(e.Message)}");
            }
        }

        // The HTML report's path is the last line printed (after the other reports' lines), for a terminal to open.
        foreach (var file in written.OrderBy(f => f.Writer == ReportWriters.Html))
        {
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

        var failed = settings.FailOnRegressionsOnly ? diff!.HasRegressions : document.HasFailures;
        return failed || unwritten > 0 ? ExitCodes.Failures : ExitCodes.Success;
    }
}
