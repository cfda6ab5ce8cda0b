using ConformanceHarness.Containers;
using ConformanceHarness.Targets;

namespace ConformanceHarness.Tests.Containers;

/// <summary>
/// An engine named by a tcp:// address (here the local engine's socket forwarded to a loopback port): the image is
/// looked up, the container started, read and removed through that address, not through the local socket.
/// </summary>
[Category("Container")]
public sealed class TcpEngineTests
{
    [Test]
    public async Task BundledTarget_OnATcpEngine_IsLookedUpStartedAndRemovedThroughIt()
    {
        await BundledTargetPool.EnsureEngineAsync();
        var local = EngineEndpoint.FromEnvironment();
        if (local.Endpoint.Scheme != "unix")
        {
            Assert.Ignore($"this test forwards a local unix socket; the engine here is {local}");
        }

        await using var forward = new EngineSocketForward(local.Endpoint.LocalPath);
        await using (var launcher = new TargetLauncher(line => TestContext.Progress.WriteLine(line)) { Engine = EngineEndpoint.Parse(forward.Url.ToString()) })
        {
            await using var target = await launcher.StartAsync(BundledTargetPool.Profile("exim"), CancellationToken.None);
            Assert.That(target, Is.InstanceOf<ContainerTarget>());
            Assert.That(target.Roles["smtp"].Host, Is.EqualTo("127.0.0.1"));
        }

        var lines = forward.RequestLines;
        TestContext.Out.WriteLine(string.Join('\n', lines));
        Assert.That(lines, Has.Some.Matches<string>(l => l.StartsWith("GET /v", StringComparison.Ordinal) && l.Contains("/images/conformance-harness/", StringComparison.Ordinal)), "the image is looked up on this engine");
        Assert.That(lines, Has.Some.Contains("/containers/create"), "the container is created on this engine");
        Assert.That(lines, Has.Some.StartsWith("DELETE /v").And.Contains("/containers/"), "the container is removed from this engine");
    }
}
