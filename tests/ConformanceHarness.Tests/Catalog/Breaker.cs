using ConformanceHarness.Running;
using ConformanceHarness.Tests.Fakes;

namespace ConformanceHarness.Tests.Catalog;

/// <summary>One way to break a scenario's rule: a fake that breaks it, and the verdict the scenario must give there.</summary>
public sealed record Breaker(string Name, Func<FakeTarget> Start, Verdict Expected)
{
    public override string ToString() => Name;
}
