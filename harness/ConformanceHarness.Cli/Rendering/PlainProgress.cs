using System.Globalization;
using ConformanceHarness.Cli.Execution;
using ConformanceHarness.Reporting;
using Spectre.Console;

namespace ConformanceHarness.Cli.Rendering;

/// <summary>
/// Progress for a log or a pipe: one line per finished scenario, nothing redrawn. Each line is flushed as it is written
/// (standard output is otherwise buffered: <see cref="BufferedStandardOutput"/>), so a watched log moves with the run.
/// </summary>
public sealed class PlainProgress : IRunProgress
{
    private readonly CliHost host;
    private readonly int total;
    private readonly Lock gate = new();
    private int done;

    public PlainProgress(CliHost host, int total)
    {
        this.host = host;
        this.total = total;
    }

    public void Log(string line)
    {
        lock (gate)
        {
            host.Error.MarkupLine($"[grey]{Markup.Escape(line)}[/]");
        }
    }

    public void TargetStarted(string target, TimeSpan took)
    {
        lock (gate)
        {
            host.Out.MarkupLine($"[grey]target {Markup.Escape(target)} is ready ({took.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)}s)[/]");
            host.OutWriter.Flush();
        }
    }

    public void TargetFailed(string target, string error)
    {
        lock (gate)
        {
            host.Error.MarkupLine($"[red]target {Markup.Escape(target)} did not start: {Markup.Escape(error)}[/]");
        }
    }

    public void ScenarioFinished(ReportEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (gate)
        {
            done++;
            var counter = $"[{done.ToString(CultureInfo.InvariantCulture).PadLeft(total.ToString(CultureInfo.InvariantCulture).Length)}/{total}]";
            var result = entry.Result;
            var took = result.Duration.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
            host.Out.MarkupLine($"{Markup.Escape(counter)} {VerdictStyle.Markup(result.Verdict)} {Markup.Escape(result.ScenarioId)} [grey]@ {Markup.Escape(result.Target)} {took} ms[/]");
            host.OutWriter.Flush();
        }
    }
}
