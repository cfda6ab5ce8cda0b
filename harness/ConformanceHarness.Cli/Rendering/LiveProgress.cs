using System.Globalization;
using ConformanceHarness.Cli.Execution;
using ConformanceHarness.Reporting;
using ConformanceHarness.Running;
using Spectre.Console;

namespace ConformanceHarness.Cli.Rendering;

/// <summary>
/// Progress on a terminal: one bar per target, redrawn in place; results that are not a Pass, and the launcher's
/// log, are printed above the bars as they happen.
/// </summary>
public sealed class LiveProgress : IRunProgress
{
    private readonly IAnsiConsole console;
    private readonly IReadOnlyDictionary<string, ProgressTask> bars;
    private readonly Lock gate = new();

    private LiveProgress(IAnsiConsole console, IReadOnlyDictionary<string, ProgressTask> bars)
    {
        this.console = console;
        this.bars = bars;
    }

    /// <summary>Runs <paramref name="body"/> under the progress display that suits the host (live on a terminal, plain lines otherwise).</summary>
    public static async Task<T> RunAsync<T>(CliHost host, IReadOnlyList<TargetPlan> plans, Func<IRunProgress, Task<T>> body)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(plans);
        ArgumentNullException.ThrowIfNull(body);
        if (!host.LiveProgress)
        {
            return await body(new PlainProgress(host, plans.Sum(p => p.Scenarios.Count))).ConfigureAwait(false);
        }

        return await host.Out.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var bars = plans.ToDictionary(
                    p => p.Profile.Name,
                    p => context.AddTask($"{Markup.Escape(p.Profile.Name)} [grey]starting[/]", maxValue: Math.Max(1, p.Scenarios.Count)));
                return await body(new LiveProgress(host.Out, bars)).ConfigureAwait(false);
            }).ConfigureAwait(false);
    }

    public void Log(string line)
    {
        lock (gate)
        {
            console.MarkupLine($"[grey]{Markup.Escape(line)}[/]");
        }
    }

    public void TargetStarted(string target, TimeSpan took)
    {
        bars[target].Description = $"{Markup.Escape(target)} [grey]ready in {took.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)}s[/]";
    }

    public void TargetFailed(string target, string error)
    {
        var bar = bars[target];
        bar.Description = $"{Markup.Escape(target)} [red]did not start[/]";
        bar.Value = bar.MaxValue;
        bar.StopTask();
        lock (gate)
        {
            console.MarkupLine($"[red]target {Markup.Escape(target)} did not start: {Markup.Escape(error)}[/]");
        }
    }

    public void ScenarioFinished(ReportEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var result = entry.Result;
        bars[result.Target].Increment(1);
        if (result.Verdict is not (Verdict.Pass or Verdict.Skip))
        {
            lock (gate)
            {
                console.MarkupLine($"{VerdictStyle.Markup(result.Verdict)} {Markup.Escape(result.ScenarioId)} [grey]@ {Markup.Escape(result.Target)}: {Markup.Escape(result.Summary)}[/]");
            }
        }
    }
}
