using ConformanceHarness.Scenarios;
using ConformanceHarness.Targets;

namespace ConformanceHarness.Running;

/// <summary>
/// A server that exits mid-run (a <c>process:</c> target crashing) is one cause: the scenario that saw it go is one Error
/// naming the exit code and the server's last output lines, and the scenarios after it are "not run: the server exited"
/// (Skip), not a row of identical "connection refused" errors. With <see cref="RunOptions.RestartOnExit"/> the server is
/// started again and the run goes on.
/// </summary>
internal sealed class ServerExitWatch : IDisposable
{
    /// <summary>
    /// How long a scenario whose connection failed (refused, reset, closed) waits for the operating system to report an exit:
    /// a dying process closes its sockets first and is reaped a while later (an interpreter's shutdown, a loaded machine).
    /// </summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    private readonly RunningTarget target;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly HashSet<int> reported = [];
    private bool restart;
    private string? restartFailure;

    public ServerExitWatch(RunningTarget target, bool restart)
    {
        this.target = target;
        this.restart = restart && target.CanRestart;
    }

    /// <summary>Before a scenario: null to run it, or the result that stands for it because the server is gone.</summary>
    public async Task<ScenarioResult?> BeforeAsync(Scenario scenario, CancellationToken cancellationToken) =>
        target.Exited is null ? null : await ClaimAsync(scenario, "before this scenario", null, cancellationToken).ConfigureAwait(false);

    /// <summary>After a scenario: its result, unless the server exited under it (then the exit, once, or "not run").</summary>
    public async Task<ScenarioResult> AfterAsync(Scenario scenario, ScenarioResult result, CancellationToken cancellationToken)
    {
        // A graded answer came from a live server; only a failed dialogue may be the server's death, and only one that ended
        // on the connection (a note: refused, reset, closed, timed out) is worth waiting for: a reply came from a live server.
        if (result.Verdict is Verdict.Pass or Verdict.Warn or Verdict.Info or Verdict.Skip)
        {
            return result;
        }

        var connectionEnded = result.Transcript.Count == 0 || result.Transcript[^1].Direction == Wire.TranscriptDirection.Note;
        if (await target.ExitedWithinAsync(connectionEnded ? Grace : TimeSpan.Zero, cancellationToken).ConfigureAwait(false) is null)
        {
            return result;
        }

        return await ClaimAsync(scenario, "during this scenario", result, cancellationToken).ConfigureAwait(false) ?? result;
    }

    private async Task<ScenarioResult?> ClaimAsync(Scenario scenario, string when, ScenarioResult? seen, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (await target.ExitedWithinAsync(TimeSpan.Zero, cancellationToken).ConfigureAwait(false) is not { } exit)
            {
                // Restarted by another scenario meanwhile.
                return null;
            }

            var first = reported.Add(exit.Run);
            string? restarted = null;
            if (restart)
            {
                try
                {
                    await target.RestartAsync(cancellationToken).ConfigureAwait(false);
                    restarted = "; restarted it for the next scenarios (--restart-on-exit)";
                }
                catch (TargetStartException e)
                {
                    restart = false;
                    restartFailure = e.Message.Split('\n', 2)[0];
                    restarted = $"; it did not start again: {restartFailure}";
                }
            }

            if (!first)
            {
                return NotRun(scenario, exit, seen);
            }

            var output = exit.LastLines.Count == 0 ? "(it printed nothing)" : string.Join('\n', exit.LastLines);
            return new ScenarioResult
            {
                ScenarioId = scenario.Id,
                Target = target.Name,
                Verdict = Verdict.Error,
                Summary = $"the server exited (code {exit.Code}) {when}{restarted}",
                Actual = $"exit code {exit.Code}; its last output:\n{output}",
                Transcript = seen?.Transcript ?? [],
                Duration = seen?.Duration ?? TimeSpan.Zero,
                Notes = seen is null ? [] : [$"the dialogue ended: {seen.Summary}"],
            };
        }
        finally
        {
            gate.Release();
        }
    }

    private ScenarioResult NotRun(Scenario scenario, ServerExit exit, ScenarioResult? seen) => new()
    {
        ScenarioId = scenario.Id,
        Target = target.Name,
        Verdict = Verdict.Skip,
        Summary = restartFailure is null ? $"not run: the server exited (code {exit.Code})" : $"not run: the server exited (code {exit.Code}) and did not start again",
        Transcript = seen?.Transcript ?? [],
    };

    public void Dispose() => gate.Dispose();
}
