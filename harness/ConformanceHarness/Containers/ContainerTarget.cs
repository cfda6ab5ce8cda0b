using System.Globalization;
using ConformanceHarness.Targets;
using DotNet.Testcontainers.Containers;

namespace ConformanceHarness.Containers;

/// <summary>
/// A target in a container (Testcontainers): ports published on the engine's <see cref="DockerEngine.PublishOn"/>
/// address only and reached at its host, the capture sink at SINK_HOST:SINK_PORT (host.docker.internal, or the sink's
/// relay container), a label for the leftover sweep, ready when every role greets.
/// </summary>
public sealed class ContainerTarget : RunningTarget
{
    private readonly IContainer container;
    private readonly DockerEngine engine;
    private readonly Action<string>? log;
    private readonly ClientNetworks? networks;

    private ContainerTarget(TargetProfile profile, IReadOnlyDictionary<string, RoleEndpoint> roles, IContainer container, DockerEngine engine, Action<string>? log, ClientNetworks? networks)
        : base(profile, roles, live: false)
    {
        this.container = container;
        this.engine = engine;
        this.log = log;
        this.networks = networks;
    }

    public string ContainerId => container.Id;

    /// <summary>A file's bytes from inside the running container, or null when it does not exist (yet).</summary>
    public async Task<byte[]?> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await container.ReadFileAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            // Testcontainers' answer to the engine's 404 for a path (checked against a running container). A container
            // that is gone fails differently and is not an empty mailbox.
            return null;
        }
    }

    /// <summary>Time from asking the engine to start the container to the last role's greeting.</summary>
    public TimeSpan StartToGreeting { get; private init; }

    /// <param name="engine">The engine the image is on: the container starts there and is removed from there on dispose.</param>
    /// <param name="log">Hears what goes wrong on dispose (a container the engine would not remove).</param>
    /// <param name="launcherEnv">Set by the launcher after the profile's own (e.g. DNS_SERVER, the test DNS zone's address).</param>
    /// <param name="networks">
    /// Extra client addresses (the target owns them from here and removes them after its container): the container joins
    /// them once it greets, and CLIENT_ADDRESSES names their gateways, so an image can treat each like the bridge gateway.
    /// </param>
    public static async Task<ContainerTarget> StartAsync(TargetProfile profile, string image, Sink.SinkAddress? sink, TimeSpan readiness, DockerEngine engine, Action<string>? log, IReadOnlyDictionary<string, string>? launcherEnv, ClientNetworks? networks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(engine);
        var builder = OwnedContainers.Builder(image, engine)
            .WithLabel("conformance-harness.target", profile.Name)
            .WithExtraHost("host.docker.internal", "host-gateway");
        foreach (var (key, value) in (profile.Container?.Env ?? new Dictionary<string, string>()).Concat(launcherEnv ?? new Dictionary<string, string>()))
        {
            builder = builder.WithEnvironment(key, value);
        }

        if (sink is not null)
        {
            builder = builder
                .WithEnvironment("SINK_HOST", sink.Host)
                .WithEnvironment("SINK_PORT", sink.Port.ToString(CultureInfo.InvariantCulture));
        }

        if (networks is { Gateways.Count: > 0 })
        {
            builder = builder.WithEnvironment("CLIENT_ADDRESSES", string.Join(' ', networks.Gateways));
        }

        foreach (var port in profile.Ports.Values.Distinct())
        {
            builder = builder.WithPortBinding(port, assignRandomHostPort: true);
        }

        var container = builder.Build();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await container.StartAsync(cancellationToken).ConfigureAwait(false);
            var roles = profile.Ports.ToDictionary(
                p => p.Key,
                p => new RoleEndpoint(engine.Endpoint.PortsHost, container.GetMappedPublicPort(p.Value), RoleEndpoint.IsImplicitTlsRole(p.Key)));
            foreach (var (role, endpoint) in roles)
            {
                await GreetingWait.WaitAsync(endpoint, role, readiness, () => container.State is TestcontainersStates.Exited or TestcontainersStates.Dead ? "the container exited" : null, cancellationToken).ConfigureAwait(false);
            }

            var target = new ContainerTarget(profile, roles, container, engine, log, networks) { StartToGreeting = clock.Elapsed };
            foreach (var route in networks is null ? [] : await networks.AttachAsync(container.Id, profile.Ports, cancellationToken).ConfigureAwait(false))
            {
                target.ClientRoutes.Add(route);
            }

            return target;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var logs = await LogsAsync(container).ConfigureAwait(false);
            await RemoveAsync(container, networks, engine, log, profile.Name).ConfigureAwait(false);
            throw new TargetStartException($"target {profile.Name} ({image}) did not become ready: {e.Message}\nLast container output:\n{logs}", e);
        }
        catch
        {
            await RemoveAsync(container, networks, engine, log, profile.Name).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A container that did not become ready, and its networks (which cannot go while it is on them).</summary>
    private static async Task RemoveAsync(IContainer container, ClientNetworks? networks, DockerEngine engine, Action<string>? log, string name)
    {
        if (networks is null)
        {
            await container.DisposeAsync().ConfigureAwait(false);
            return;
        }

        await OwnedContainers.RemoveAsync(container, engine, log, $"target {name}").ConfigureAwait(false);
        await networks.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task<string> LogsAsync(IContainer container)
    {
        try
        {
            var (stdout, stderr) = await container.GetLogsAsync().ConfigureAwait(false);
            var all = (stdout + stderr).Split('\n');
            return string.Join('\n', all.TakeLast(40));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return $"(no logs: {e.Message})";
        }
    }

    /// <summary>The container's output, for diagnosing a failed scenario.</summary>
    public Task<string> RecentLogsAsync() => LogsAsync(container);

    public override async ValueTask DisposeAsync()
    {
        await OwnedContainers.RemoveAsync(container, engine, log, $"target {Profile.Name}").ConfigureAwait(false);
        if (networks is not null)
        {
            await networks.DisposeAsync().ConfigureAwait(false);
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }
}
