using ConformanceHarness.Delivery;

namespace ConformanceHarness.Targets;

/// <summary>
/// A target that answers: its profile, the endpoint of each role, and the delivery oracles it offers.
/// Disposing it stops whatever the harness started for it (process, container).
/// </summary>
public class RunningTarget : IAsyncDisposable
{
    public RunningTarget(TargetProfile profile, IReadOnlyDictionary<string, RoleEndpoint> roles, bool live)
    {
        Profile = profile;
        Roles = roles;
        Live = live;
    }

    public TargetProfile Profile { get; }

    public string Name => Profile.Name;

    public IReadOnlyDictionary<string, RoleEndpoint> Roles { get; }

    /// <summary>A live third-party host: timeouts and 4xx are Inconclusive, not Fail.</summary>
    public bool Live { get; }

    /// <summary>
    /// Further ways to reach the same server, each from a client address of its own (role → endpoint, with
    /// <see cref="RoleEndpoint.LocalAddress"/>): a server that limits connections per client address (Courier's MAXPERIP)
    /// serves each address its own share. Empty: <see cref="Roles"/> is the only way (<see cref="Running.TargetSession"/> uses them all).
    /// </summary>
    public IList<IReadOnlyDictionary<string, RoleEndpoint>> ClientRoutes { get; } = [];

    /// <summary>
    /// This target as reached through <paramref name="roles"/> (one of <see cref="ClientRoutes"/>): the same profile and
    /// oracles; it owns nothing, so disposing it stops nothing, and the server's exit is watched on this target.
    /// </summary>
    public RunningTarget ReachedThrough(IReadOnlyDictionary<string, RoleEndpoint> roles)
    {
        var view = new RunningTarget(Profile, roles, Live);
        foreach (var (name, oracle) in Oracles)
        {
            view.Oracles[name] = oracle;
        }

        return view;
    }

    /// <summary>Oracles by name: <c>sink</c> (the capture sink), <c>mailbox</c> (the test user's POP3 maildrop).</summary>
    public IDictionary<string, IDeliveryOracle> Oracles { get; } = new Dictionary<string, IDeliveryOracle>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// How the server ended, once it stopped on its own (a local process can crash mid-run); null while it runs, and always
    /// for targets whose server the harness does not own (live) or watches otherwise (containers).
    /// </summary>
    public virtual ServerExit? Exited => null;

    /// <summary><see cref="Exited"/>, waiting up to <paramref name="grace"/> for an exit the operating system has not reported yet.</summary>
    public virtual Task<ServerExit?> ExitedWithinAsync(TimeSpan grace, CancellationToken cancellationToken) => Task.FromResult(Exited);

    /// <summary>Starts the server again after it exited (<c>--restart-on-exit</c>); only a target that owns its server can.</summary>
    public virtual bool CanRestart => false;

    public virtual Task RestartAsync(CancellationToken cancellationToken) =>
        throw new NotSupportedException($"target {Name}: only a process: target can be restarted");

    /// <summary>What was started for this target and must outlive it (its test DNS zone): disposed after it, last first.</summary>
    public IList<IAsyncDisposable> Companions { get; } = [];

    public virtual async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        foreach (var companion in Companions.Reverse())
        {
            await companion.DisposeAsync().ConfigureAwait(false);
        }

        Companions.Clear();
    }
}
