using System.Diagnostics;
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
        var socket = await LocalSocketAsync();
        await using var forward = new EngineSocketForward(socket);
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

    [Test]
    public async Task OwnDockerfile_OnATcpEngine_IsBuiltThroughIt()
    {
        var socket = await LocalSocketAsync();
        // A folder of its own (a fresh marker, so a fresh inputs hash): the image cannot already exist.
        var folder = Directory.CreateTempSubdirectory("ch-tcp-build-");
        string? reference = null;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "Dockerfile"), "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nCOPY marker /marker\n");
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "marker"), Guid.NewGuid().ToString());
            await using var forward = new EngineSocketForward(socket);
            using (var engine = await DockerEngine.ConnectAsync(EngineEndpoint.Parse(forward.Url.ToString()), CancellationToken.None))
            {
                reference = await ContainerImages.EnsureBuiltAsync(engine, "tcp-build-test", folder.FullName, line => TestContext.Progress.WriteLine(line), CancellationToken.None);
                Assert.That(await engine.HasImageAsync(reference, CancellationToken.None), Is.True);
            }

            Assert.That(forward.RequestLines, Has.Some.Matches<string>(l => l.StartsWith("POST /v", StringComparison.Ordinal) && l.Contains("/build?", StringComparison.Ordinal)), "the image is built on this engine");
        }
        finally
        {
            folder.Delete(recursive: true);
            if (reference is not null)
            {
                using var remove = Process.Start(new ProcessStartInfo("docker", ["rmi", reference]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
                await remove.WaitForExitAsync();
            }
        }
    }

    /// <summary>The local engine's unix socket; the test is ignored when the engine is reached another way.</summary>
    private static async Task<string> LocalSocketAsync()
    {
        await BundledTargetPool.EnsureEngineAsync();
        var local = EngineEndpoint.FromEnvironment();
        if (local.Endpoint.Scheme != "unix")
        {
            Assert.Ignore($"this test forwards a local unix socket; the engine here is {local}");
        }

        return local.Endpoint.LocalPath;
    }
}
