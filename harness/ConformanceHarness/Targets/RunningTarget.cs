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
