using System.Net;
using ConformanceHarness.Containers;

namespace ConformanceHarness.Tests.Containers;

/// <summary>The engine calls against a fake engine: what the harness makes of the engine's answers, and which engine it asks.</summary>
public sealed class DockerEngineTests
{
    [Test]
    public async Task RemoveContainer_EngineRefuses_IsReported()
    {
        using var fake = new FakeEngine { Answer = (HttpStatusCode.Conflict, """{"message":"removal of container abc is already in progress"}""") };
        using var engine = await DockerEngine.ConnectAsync(EngineEndpoint.Parse(fake.Url.ToString()), CancellationToken.None);

        var refused = Assert.ThrowsAsync<EngineRequestException>(() => engine.RemoveContainerAsync("abc", CancellationToken.None));
        Assert.That(refused!.Message, Does.Contain("409").And.Contain("already in progress"));
    }

    [Test]
    public async Task RemoveContainer_AlreadyGone_IsNotAnError()
    {
        using var fake = new FakeEngine { Answer = (HttpStatusCode.NotFound, """{"message":"No such container: abc"}""") };
        using var engine = await DockerEngine.ConnectAsync(EngineEndpoint.Parse(fake.Url.ToString()), CancellationToken.None);

        Assert.That(await engine.RemoveContainerAsync("abc", CancellationToken.None), Is.False);
    }

    [Test]
    public async Task RemoveContainer_Removed_AsksInTheEnginesVersion_WithForceAndVolumes()
    {
        using var fake = new FakeEngine();
        using var engine = await DockerEngine.ConnectAsync(EngineEndpoint.Parse(fake.Url.ToString()), CancellationToken.None);

        Assert.That(await engine.RemoveContainerAsync("abc", CancellationToken.None), Is.True);
        var delete = fake.Requests.Single(r => r.StartsWith("DELETE", StringComparison.Ordinal));
        Assert.That(delete, Does.StartWith("DELETE /v1.41/containers/abc?"));
        Assert.That(delete, Does.Contain("force=1").And.Contain("v=1"));
    }

    [TestCase("1.41", "1.12", "1.41")]
    [TestCase("1.47", "1.24", "1.44")]
    [TestCase("1.52", "1.46", "1.46")]
    public async Task Connect_NegotiatesTheNewestVersionBothSpeak(string engineApi, string engineMin, string asked)
    {
        using var fake = new FakeEngine(engineApi, engineMin);
        using var engine = await DockerEngine.ConnectAsync(EngineEndpoint.Parse(fake.Url.ToString()), CancellationToken.None);

        Assert.That(engine.ApiVersion, Is.EqualTo(asked));
        Assert.That(fake.Requests[0], Is.EqualTo("GET /version"), "the version is asked without a version prefix");
    }

    [Test]
    public async Task Connect_DockerApiVersionSet_IsUsedAsIs()
    {
        using var fake = new FakeEngine("1.47");
        var endpoint = EngineEndpoint.FromEnvironment(Variables(("DOCKER_HOST", fake.Url.ToString()), ("DOCKER_API_VERSION", "1.43")));
        using var engine = await DockerEngine.ConnectAsync(endpoint, CancellationToken.None);

        Assert.That(engine.ApiVersion, Is.EqualTo("1.43"));
    }

    [Test]
    public async Task Connect_LeavesTheProcessEnvironmentAlone()
    {
        string[] names = ["DOCKER_API_VERSION", "TESTCONTAINERS_RYUK_DISABLED", "TESTCONTAINERS_HOST_OVERRIDE", "DOCKER_HOST"];
        var before = names.Select(Environment.GetEnvironmentVariable).ToList();
        using var fake = new FakeEngine("1.41");
        using var engine = await DockerEngine.ConnectAsync(EngineEndpoint.Parse(fake.Url.ToString()), CancellationToken.None);

        Assert.That(names.Select(Environment.GetEnvironmentVariable).ToList(), Is.EqualTo(before), "the API version travels with the endpoint, not through the environment");
    }

    [Test]
    public void Connect_NothingListens_SaysHowToGetOne()
    {
        var url = $"tcp://127.0.0.1:{FakeEngine.FreePort()}";

        var missing = Assert.ThrowsAsync<EngineUnavailableException>(() => DockerEngine.ConnectAsync(EngineEndpoint.Parse(url), CancellationToken.None));
        Assert.That(missing!.Message, Does.StartWith($"No Docker engine answers at {url}/").And.Contain("DOCKER_HOST"));
    }

    [Test]
    public void Endpoint_FromDockerHost_IsThatEngine()
    {
        var endpoint = EngineEndpoint.FromEnvironment(Variables(("DOCKER_HOST", "tcp://127.0.0.1:2375")));
        Assert.That(endpoint.Endpoint, Is.EqualTo(new Uri("tcp://127.0.0.1:2375")));
        Assert.That(endpoint.AuthProvider, Is.Null);
    }

    [Test]
    public void Endpoint_NothingSet_IsTheLocalSocket()
    {
        // DOCKER_CONFIG at an empty folder: no current docker context can name another engine.
        var config = Directory.CreateTempSubdirectory("ch-docker-config-");
        try
        {
            var endpoint = EngineEndpoint.FromEnvironment(Variables(("DOCKER_CONFIG", config.FullName)));
            Assert.That(endpoint.Endpoint, Is.EqualTo(new Uri("unix:///var/run/docker.sock")));
        }
        finally
        {
            config.Delete(recursive: true);
        }
    }

    [Test]
    public void Endpoint_TlsVerifyWithoutCertificates_SaysWhichFolder()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"ch-no-certs-{Guid.NewGuid():N}");
        var error = Assert.Throws<EngineUnavailableException>(() => EngineEndpoint.FromEnvironment(Variables(("DOCKER_HOST", "tcp://127.0.0.1:2376"), ("DOCKER_TLS_VERIFY", "1"), ("DOCKER_CERT_PATH", missing))));
        Assert.That(error!.Message, Does.Contain(missing));
    }

    [TestCase("ftp://example.test")]
    [TestCase("not a url")]
    public void Endpoint_NotAnEngineAddress_IsRefused(string url) =>
        Assert.Throws<EngineUnavailableException>(() => EngineEndpoint.Parse(url));

    private static Func<string, string?> Variables(params (string Name, string Value)[] set) =>
        name => set.FirstOrDefault(v => v.Name == name).Value;
}
