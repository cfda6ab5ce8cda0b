using System.Globalization;
using ConformanceHarness.Targets;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;

namespace ConformanceHarness.Containers;

/// <summary>
/// A target in a container (Testcontainers): ports published on 127.0.0.1 only, the host reachable as
/// host.docker.internal (where the capture sink listens), a label for the leftover sweep, ready when every role greets.
/// </summary>
public sealed class ContainerTarget : RunningTarget
{
    private readonly IContainer container;
    private readonly DockerEngine engine;
    private readonly Action<string>? log;

    private ContainerTarget(TargetProfile profile, IReadOnlyDictionary<string, RoleEndpoint> roles, IContainer container, DockerEngine engine, Action<string>? log)
        : base(profile, roles, live: false)
    {
        this.container = container;
        this.engine = engine;
        this.log = log;
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
    public static async Task<ContainerTarget> StartAsync(TargetProfile profile, string image, System.Net.IPEndPoint? sink, TimeSpan readiness, DockerEngine engine, Action<string>? log, IReadOnlyDictionary<string, string>? launcherEnv, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(engine);
        var builder = engine.OwnedContainer(image, profile.Name).WithExtraHost("host.docker.internal", "host-gateway");
        foreach (var (key, value) in (profile.Container?.Env ?? new Dictionary<string, string>()).Concat(launcherEnv ?? new Dictionary<string, string>()))
        {
            builder = builder.WithEnvironment(key, value);
        }

        if (sink is not null)
        {
            builder = builder
                .WithEnvironment("SINK_HOST", "host.docker.internal")
                .WithEnvironment("SINK_PORT", sink.Port.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var port in profile.Ports.Values.Distinct())
        {
            builder = builder.WithPortBinding(port, assignRandomHostPort: true);
        }

        // Publish on loopback only: nothing outside this machine can reach a deliberately open relay.
        builder = builder.WithCreateParameterModifier(parameters =>
        {
            foreach (var bindings in parameters.HostConfig?.PortBindings?.Values ?? [])
            {
                foreach (var binding in bindings)
                {
                    binding.HostIP = "127.0.0.1";
                }
            }
        });

        var container = builder.Build();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await container.StartAsync(cancellationToken).ConfigureAwait(false);
            var roles = profile.Ports.ToDictionary(
                p => p.Key,
                p => new RoleEndpoint("127.0.0.1", container.GetMappedPublicPort(p.Value), RoleEndpoint.IsImplicitTlsRole(p.Key)));
            foreach (var (role, endpoint) in roles)
            {
                await GreetingWait.WaitAsync(endpoint, role, readiness, () => container.State is TestcontainersStates.Exited or TestcontainersStates.Dead ? "the container exited" : null, cancellationToken).ConfigureAwait(false);
            }

            return new ContainerTarget(profile, roles, container, engine, log) { StartToGreeting = clock.Elapsed };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var logs = await LogsAsync(container).ConfigureAwait(false);
            await container.DisposeAsync().ConfigureAwait(false);
            throw new TargetStartException($"target {profile.Name} ({image}) did not become ready: {e.Message}\nLast container output:\n{logs}", e);
        }
        catch
        {
            await container.DisposeAsync().ConfigureAwait(false);
            throw;
        }
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
        var id = container.Id;
        await container.DisposeAsync().ConfigureAwait(false);
        if (!string.IsNullOrEmpty(id))
        {
            // Dispose must not throw (it runs in finally blocks and on Ctrl+C); say so instead of leaving it silent.
            if (await engine.TryRemoveAsync(id).ConfigureAwait(false) is { } failure)
            {
                log?.Invoke($"container {id[..Math.Min(12, id.Length)]} of target {Profile.Name} was not removed ({failure}); the next run's start removes it");
            }
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }
}
