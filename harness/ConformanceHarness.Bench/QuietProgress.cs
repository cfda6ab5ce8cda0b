using System.Diagnostics;
using ConformanceHarness.Cli.Execution;
using ConformanceHarness.Reporting;

namespace ConformanceHarness.Bench;

/// <summary>Progress that prints nothing per scenario (printing would be measured too); it notes when the first verdict came.</summary>
internal sealed class QuietProgress : IRunProgress
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly Action<string> log;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TimeSpan> lastVerdict = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Target, string Scenario), TimeSpan> started = new();
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

    /// <summary>Per target: from this object's creation to its last finished scenario (its share of the wall time).</summary>
    public IReadOnlyDictionary<string, TimeSpan> LastVerdict => lastVerdict;

    /// <summary>When each run started, from this object's creation (its end less its duration): the order the harness ran them in.</summary>
    public IReadOnlyDictionary<(string Target, string Scenario), TimeSpan> Started => started;

    public void ScenarioFinished(ReportEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var now = clock.Elapsed;
        started[(entry.Result.Target, entry.Result.ScenarioId)] = now - entry.Result.Duration;
        Interlocked.CompareExchange(ref firstVerdictTicks, now.Ticks, -1);
        lastVerdict.AddOrUpdate(entry.Result.Target, now, (_, before) => now > before ? now : before);
    }
}
