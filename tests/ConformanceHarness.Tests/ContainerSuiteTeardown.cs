using ConformanceHarness.Tests.Containers;

namespace ConformanceHarness.Tests;

/// <summary>Stops every bundled target the run started, when the tests in this namespace are done.</summary>
[SetUpFixture]
public sealed class ContainerSuiteTeardown
{
    [OneTimeTearDown]
    public async Task StopTargets() => await BundledTargetPool.StopAllAsync();
}
