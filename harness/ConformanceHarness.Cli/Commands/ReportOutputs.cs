using ConformanceHarness.Cli.Options;
using ConformanceHarness.Cli.Rendering;
using ConformanceHarness.Reporting;
using Spectre.Console;

namespace ConformanceHarness.Cli.Commands;

/// <summary>
/// The end of <c>run</c>, <c>compare</c> and <c>merge</c> beyond JUnit/JSON: the SARIF and HTML files, the changes against
/// a baseline, the ranking, and the exit code (<c>--fail-on regressions</c>: only new failures against the baseline).
/// The HTML report's path is the last line printed.
/// </summary>
internal static class ReportOutputs
{
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

    public static Task<int> FinishAsync(CliHost host, RunReport report, ReportSettings settings, ReportDocument? baseline, bool ranking, CancellationToken cancellationToken) =>
        FinishAsync(host, ReportDocument.FromRun(report), settings, baseline, ranking, cancellationToken);

    public static async Task<int> FinishAsync(CliHost host, ReportDocument document, ReportSettings settings, ReportDocument? baseline, bool ranking, CancellationToken cancellationToken)
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

        if (settings.SarifPath is { } sarif)
        {
            await SarifReport.WriteAsync(document, sarif, cancellationToken).ConfigureAwait(false);
            host.Error.MarkupLine($"[grey]SARIF report: {Markup.Escape(sarif)}[/]");
        }

        if (settings.HtmlPath is { } html)
        {
            await HtmlReport.WriteAsync(document, html, cancellationToken).ConfigureAwait(false);
            host.Out.WriteLine();
            host.Out.Write(new Text($"HTML report: {Path.GetFullPath(html)}").Overflow(Overflow.Fold));
            host.Out.WriteLine();
        }

        if (settings.FailOnRegressionsOnly)
        {
            return diff!.HasRegressions ? ExitCodes.Failures : ExitCodes.Success;
        }

        return document.HasFailures ? ExitCodes.Failures : ExitCodes.Success;
    }
}
