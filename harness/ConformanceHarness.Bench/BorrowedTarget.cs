using ConformanceHarness.Targets;

namespace ConformanceHarness.Bench;

/// <summary>
/// A running target lent to one catalog pass: same roles and oracles, but disposing it does not stop the real
/// target, so every pass (warm-up, measured passes, soak runs) meets the same warm server.
/// </summary>
internal sealed class BorrowedTarget : RunningTarget
{
    public BorrowedTarget(RunningTarget owner)
        : base(owner.Profile, owner.Roles, owner.Live)
    {
        foreach (var (name, oracle) in owner.Oracles)
        {
            Oracles[name] = oracle;
        }
    }
}
