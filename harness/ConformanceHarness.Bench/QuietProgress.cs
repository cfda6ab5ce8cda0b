using System.Diagnostics;
using ConformanceHarness.Cli.Execution;
using ConformanceHarness.Reporting;

namespace ConformanceHarness.Bench;

/// <summary>Progress that prints nothing per scenario (printing would be measured too); it notes when the first verdict came.</summary>
internal sealed class QuietProgress : IRunProgress
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly Action<string> log;
    private long firstVerdictTicks = -1;

    public QuietProgress(Action<string> log)
    {
        this.log = log;
    }

    /// <summary>From this object's creation to the first finished scenario, or null if none finished.</summary>
    public TimeSpan? FirstVerdict => Interlocked.Read(ref firstVerdictTicks) is var ticks and >= 0 ? TimeSpan.FromTicks(ticks) : null;

    public void Log(string line) => log(line);

    public void TargetStarted(string target, TimeSpan took)
    {
    }

    public void TargetFailed(string target, string error) => log($"target {target} did not start: {error}");

    public void ScenarioFinished(ReportEntry entry) => Interlocked.CompareExchange(ref firstVerdictTicks, clock.Elapsed.Ticks, -1);
}
