using ConformanceHarness.Tests.Fakes;

namespace ConformanceHarness.Tests.Catalog;

/// <summary>How one scenario is proven both ways: the fake it passes on, and the fakes it must fail (or warn) on.</summary>
public sealed record Proof(Func<FakeTarget> Correct, IReadOnlyList<Breaker> Breakers);
