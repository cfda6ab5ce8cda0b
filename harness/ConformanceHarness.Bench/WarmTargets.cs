using System.Diagnostics;
using ConformanceHarness.Targets;

namespace ConformanceHarness.Bench;

/// <summary>
/// Targets started once (in parallel) and lent to every pass: an <see cref="ITargetLauncher"/> whose targets are
/// already running. Disposing it stops them and the launcher (sink, engine connection).
/// </summary>
internal sealed class WarmTargets : ITargetLauncher, IAsyncDisposable
{
    private readonly TargetLauncher launcher;
    private readonly Dictionary<string, RunningTarget> running;

    private WarmTargets(TargetLauncher launcher, Dictionary<string, RunningTarget> running, TimeSpan startup)
    {
        this.launcher = launcher;
        this.running = running;
        Startup = startup;
    }

    /// <summary>From the first start request to the last target's greeting.</summary>
    public TimeSpan Startup { get; }

    public static async Task<WarmTargets> StartAsync(IReadOnlyList<TargetProfile> profiles, Action<string> log, CancellationToken cancellationToken)
    {
        var launcher = new TargetLauncher(log);
        var clock = Stopwatch.StartNew();
        var starts = profiles.Select(p => Task.Run(() => launcher.StartAsync(p, cancellationToken), cancellationToken)).ToList();
        try
        {
            await Task.WhenAll(starts).ConfigureAwait(false);
        }
        catch
        {
            foreach (var start in starts.Where(s => s.IsCompletedSuccessfully))
            {
                await start.Result.DisposeAsync().ConfigureAwait(false);
            }

            await launcher.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var running = starts.Select(s => s.Result).ToDictionary(t => t.Name, StringComparer.Ordinal);
        return new WarmTargets(launcher, running, clock.Elapsed);
    }

    public Task<RunningTarget> StartAsync(TargetProfile profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return Task.FromResult<RunningTarget>(new BorrowedTarget(running[profile.Name]));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var target in running.Values)
        {
            await target.DisposeAsync().ConfigureAwait(false);
        }

        await launcher.DisposeAsync().ConfigureAwait(false);
    }
}
