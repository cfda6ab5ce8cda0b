using System.Globalization;
using System.Text;
using ConformanceHarness.Reporting;

namespace ConformanceHarness.Bench;

/// <summary>Every measured run of a pass, harness and floor side by side, as tab-separated lines: the raw data behind the gap breakdown.</summary>
internal static class RunTrace
{
    public static async Task AppendAsync(string path, int pass, RunReport report, QuietProgress progress, FloorClient.Outcome floor, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        if (!File.Exists(path))
        {
            text.AppendLine("pass\tside\ttarget\tscenario\tstart_ms\tduration_ms\tverdict");
        }

        foreach (var entry in report.Entries)
        {
            var started = progress.Started.TryGetValue((entry.Result.Target, entry.Result.ScenarioId), out var s) ? s : TimeSpan.Zero;
            Line(text, pass, "harness", entry.Result.Target, entry.Result.ScenarioId, started, entry.Result.Duration, entry.Result.Verdict.ToString());
        }

        foreach (var (script, started, duration) in floor.Replays)
        {
            Line(text, pass, "floor", script.Target, script.ScenarioId, started, duration, string.Empty);
        }

        await File.AppendAllTextAsync(path, text.ToString(), cancellationToken).ConfigureAwait(false);
    }

    private static void Line(StringBuilder text, int pass, string side, string target, string scenario, TimeSpan started, TimeSpan duration, string verdict) =>
        text.AppendLine(CultureInfo.InvariantCulture, $"{pass}\t{side}\t{target}\t{scenario}\t{started.TotalMilliseconds:0}\t{duration.TotalMilliseconds:0}\t{verdict}");
}
