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

    /// <summary>
    /// Before every pass, harness or floor: one successful login to each target's maildrop (its mailbox oracle), not
    /// measured. Dovecot's per-IP auth penalty (a 2 s delay after a failed login, up to 15 s as failures grow; a
    /// successful login resets it) would otherwise carry the last pass's failed logins into the next pass's first ones
    /// (back to back, not as in a single run, which starts fresh); both sides start from the same state.
    /// </summary>
    public async Task SettleAsync(CancellationToken cancellationToken)
    {
        foreach (var oracle in running.Values.Select(t => t.Oracles.TryGetValue("mailbox", out var o) ? o : null).OfType<Delivery.MailboxOracle>())
        {
            try
            {
                _ = await oracle.ReadAllAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or Wire.FramingException or System.Net.Sockets.SocketException or System.Security.Authentication.AuthenticationException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // The pass will meet the same state; the figures say so if it is slow.
            }
        }
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
