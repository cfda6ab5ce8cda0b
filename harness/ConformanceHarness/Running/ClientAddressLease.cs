using ConformanceHarness.Targets;

namespace ConformanceHarness.Running;

/// <summary>One scenario's client address (<see cref="ClientAddresses"/>): the target as reached from it, and its budget; disposing gives the connections back.</summary>
public sealed class ClientAddressLease(RunningTarget target, ConnectionBudget budget, IDisposable held) : IDisposable
{
    public RunningTarget Target { get; } = target;

    public ConnectionBudget Budget { get; } = budget;

    public void Dispose() => held.Dispose();
}
