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
