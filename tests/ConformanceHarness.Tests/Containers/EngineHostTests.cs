using ConformanceHarness.Cli;
using ConformanceHarness.Cli.Execution;
using ConformanceHarness.Containers;
using ConformanceHarness.Tests.Cli;

namespace ConformanceHarness.Tests.Containers;

/// <summary>Where an engine is: the host its published ports are reached at, whether it is on this machine, and <c>--engine</c>.</summary>
public sealed class EngineHostTests
{
    [TestCase("unix:///var/run/docker.sock", "127.0.0.1", true)]
    [TestCase("tcp://127.0.0.1:23751", "127.0.0.1", true)]
    [TestCase("tcp://localhost:2375", "localhost", true)]
    [TestCase("tcp://[::1]:2375", "::1", true)]
    [TestCase("tcp://docker:2375", "docker", false)]
    [TestCase("tcp://10.213.0.1:23751", "10.213.0.1", false)]
    public void Endpoint_PortsAreReachedAtTheEnginesHost(string url, string host, bool local)
    {
        var endpoint = EngineEndpoint.Parse(url);
        Assert.That(endpoint.PortsHost, Is.EqualTo(host));
        Assert.That(endpoint.IsLocal, Is.EqualTo(local));
    }

    [Test]
    public void ForHost_TakesThePlaceOfDockerHost_AndKeepsTheOtherVariables()
    {
        var endpoint = EngineEndpoint.ForHost("tcp://10.213.0.1:23751", Variables(("DOCKER_HOST", "unix:///elsewhere.sock"), ("DOCKER_API_VERSION", "1.41")));
        Assert.That(endpoint.Endpoint, Is.EqualTo(new Uri("tcp://10.213.0.1:23751")));
        Assert.That(endpoint.Version, Is.EqualTo(new Version(1, 41)));
    }

    [Test]
    public void ForHost_Ssh_SaysHowToForwardTheSocket()
    {
        var error = Assert.Throws<EngineUnavailableException>(() => EngineEndpoint.ForHost("ssh://me@build-host", _ => null));
        Assert.That(error!.Message, Does.Contain("ssh -NL"));
    }

    [Test]
    public async Task Connect_EngineOnThisMachine_PublishesOnLoopback()
    {
        using var fake = new FakeEngine();
        using var engine = await DockerEngine.ConnectAsync(EngineEndpoint.Parse($"tcp://127.0.0.1:{fake.Port}"), CancellationToken.None);
        Assert.That(engine.PublishOn, Is.EqualTo("127.0.0.1"));
    }

    [Test]
    public async Task EngineOption_ReachesTheLauncher()
    {
        using var catalog = TempCatalog.Standard();
        LaunchRequest? asked = null;
        var launcher = new RecordingLauncher();
        var run = await CliRun.InvokeAsync(
            ["run", "--target", "live:127.0.0.1:2525", "--scenarios", catalog.Folder, "--engine", "tcp://10.213.0.1:23751"],
            host => host with { CreateLauncher = request => { asked = request; return launcher; } },
            CancellationToken.None);
        Assert.That(run.ExitCode, Is.Not.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(asked?.Engine?.Endpoint, Is.EqualTo(new Uri("tcp://10.213.0.1:23751")));

        var without = await CliRun.InvokeAsync(
            ["run", "--target", "live:127.0.0.1:2525", "--scenarios", catalog.Folder],
            host => host with { CreateLauncher = request => { asked = request; return launcher; } },
            CancellationToken.None);
        Assert.That(without.ExitCode, Is.Not.EqualTo(ExitCodes.Usage), without.ToString());
        Assert.That(asked!.Engine, Is.Null, "no --engine: DOCKER_HOST's, resolved by the launcher");
    }

    [TestCase("ssh://me@build-host", "ssh -NL")]
    [TestCase("ftp://example.test", "not an engine address")]
    public async Task EngineOption_NotAnEngine_IsUsageError(string url, string said)
    {
        using var catalog = TempCatalog.Standard();
        var run = await CliRun.InvokeAsync("compare", "--target", "container:exim", "--scenarios", catalog.Folder, "--engine", url);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.Error, Does.Contain(said));
    }

    private static Func<string, string?> Variables(params (string Name, string Value)[] set) =>
        name => set.FirstOrDefault(v => v.Name == name).Value;
}
