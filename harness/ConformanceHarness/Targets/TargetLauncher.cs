using ConformanceHarness.Containers;
using ConformanceHarness.Delivery;
using ConformanceHarness.Protocols;
using ConformanceHarness.Sink;
using ConformanceHarness.Wire;

namespace ConformanceHarness.Targets;

/// <summary>Starts a target of any kind.</summary>
public interface ITargetLauncher
{
    Task<RunningTarget> StartAsync(TargetProfile profile, CancellationToken cancellationToken);
}

/// <summary>
/// Starts targets of every kind. It owns what they share: the container engine connection and the capture sink
/// (started on first use where the engine's containers can deliver to it: on the bridge gateway of an engine on this
/// machine, else as a relay container beside them). Dispose it after the targets.
/// </summary>
public sealed class TargetLauncher : ITargetLauncher, IAsyncDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Action<string>? log;
    private DockerEngine? engine;
    private CaptureSink? sink;

    public TargetLauncher(Action<string>? log = null, string? repositoryRoot = null)
    {
        this.log = log;
        RepositoryRoot = repositoryRoot;
    }

    public string? RepositoryRoot { get; }

    /// <summary>How long a container target may take to greet (an image's first start can be slow).</summary>
    public TimeSpan Readiness { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>What <see cref="StartTimeout"/> accepts (<c>--start-timeout</c>): a tenth of a second up to an hour.</summary>
    public static DurationRange StartTimeoutRange { get; } = new(TimeSpan.FromSeconds(0.1), TimeSpan.FromHours(1));

    /// <summary>
    /// How long a <c>process:</c> target may take to greet, all connection attempts together, and how long a live
    /// server may take to greet the first contact (a greeting delay against spam is common): <c>--start-timeout</c>.
    /// </summary>
    public TimeSpan StartTimeout { get; init => field = StartTimeoutRange.Check(value, nameof(StartTimeout)); } = TimeSpan.FromSeconds(30);

    /// <summary>The engine container targets run on; null: the one DOCKER_HOST (or the docker context) names.</summary>
    public EngineEndpoint? Engine { get; init; }

    /// <summary>Where the capture sink runs; <see cref="SinkPlacement.Auto"/> chooses by where the engine is.</summary>
    public SinkPlacement SinkPlacement { get; init; } = SinkPlacement.Auto;

    /// <summary>The capture sink, once a container target has started.</summary>
    public CaptureSink? Sink => sink;

    public async Task<RunningTarget> StartAsync(TargetProfile profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        RunningTarget target = profile.Kind switch
        {
            "process" => await ProcessTarget.StartAsync(profile, StartTimeout, cancellationToken).ConfigureAwait(false),
            "live" => await LiveAsync(profile, cancellationToken).ConfigureAwait(false),
            "container" => await StartContainerAsync(profile, cancellationToken).ConfigureAwait(false),
            _ => throw new TargetSpecException($"target {profile.Name}: unknown kind '{profile.Kind}'"),
        };

        if (profile.Identity.Mailbox == "pop3" && target.Roles.TryGetValue(Role.Pop3.Name, out var pop3))
        {
            target.Oracles["mailbox"] = new MailboxOracle(pop3, profile.Identity);
        }
        else if (MboxPath(profile) is { } path)
        {
            target.Oracles["mailbox"] = target is ContainerTarget container
                ? new MboxOracle(ct => container.ReadFileAsync(path, ct))
                : throw new TargetSpecException($"target {profile.Name}: 'mailbox: {profile.Identity.Mailbox}' reads a file inside the target's container, but this is a {profile.Kind} target");
        }

        return target;
    }

    /// <summary><c>mailbox: mbox</c> (the user's <c>/var/mail/USER</c>) or <c>mailbox: mbox:/path/in/the/container</c>.</summary>
    private static string? MboxPath(TargetProfile profile) => profile.Identity.Mailbox switch
    {
        "mbox" => $"/var/mail/{profile.Identity.User}",
        var m when m.StartsWith("mbox:/", StringComparison.Ordinal) => m["mbox:".Length..],
        _ => null,
    };

    /// <summary>
    /// A live target is ready once each of its roles has greeted: a host that does not resolve, refuses or never greets is
    /// reported once, as the reason the run could not grade it (Error, exit 1), never as a row of Inconclusive results.
    /// </summary>
    private async Task<RunningTarget> LiveAsync(TargetProfile profile, CancellationToken cancellationToken)
    {
        var host = profile.Host ?? throw new TargetSpecException($"target {profile.Name}: a live target needs a host");
        var roles = profile.Ports.ToDictionary(p => p.Key, p => new RoleEndpoint(host, p.Value, RoleEndpoint.IsImplicitTlsRole(p.Key)));
        foreach (var (role, endpoint) in roles)
        {
            var greeting = await GreetingWait.ContactAsync(endpoint, role, StartTimeout, cancellationToken).ConfigureAwait(false);
            log?.Invoke($"{profile.Name}: {role} at {endpoint} greeted ({greeting.Length} characters)");
        }

        return new RunningTarget(profile, roles, live: true);
    }

    /// <summary>Connects to the engine, sweeps leftovers of killed runs and starts the sink, once.</summary>
    public async Task<DockerEngine> EngineAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (engine is not null)
            {
                return engine;
            }

            // Kept only once the sink runs too: a failed start is tried again in full by the next target.
            var connected = await DockerEngine.ConnectAsync(Engine ?? EngineEndpoint.FromEnvironment(), cancellationToken).ConfigureAwait(false);
            try
            {
                var swept = await connected.SweepLeftoversAsync(cancellationToken).ConfigureAwait(false);
                var networks = await ClientNetworks.SweepLeftoversAsync(connected, cancellationToken).ConfigureAwait(false);
                if (swept + networks > 0)
                {
                    log?.Invoke($"removed {swept} container(s) and {networks} client network(s) left behind by an earlier run");
                }

                await ReportEgressAsync(connected, cancellationToken).ConfigureAwait(false);
                sink = await StartSinkAsync(connected, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                connected.Dispose();
                throw;
            }

            return engine = connected;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// The bridge gateway's listener for an engine on this machine (fast, no image), the relay container otherwise: only
    /// on this machine is the gateway an address the harness can listen on.
    /// </summary>
    private async Task<CaptureSink> StartSinkAsync(DockerEngine docker, CancellationToken cancellationToken)
    {
        var placement = SinkPlacement == SinkPlacement.Auto
            ? (docker.Endpoint.IsLocal ? SinkPlacement.Gateway : SinkPlacement.Container)
            : SinkPlacement;
        if (placement == SinkPlacement.Gateway)
        {
            var gateway = await docker.BridgeGatewayAsync(cancellationToken).ConfigureAwait(false);
            var local = CaptureSink.Start(gateway);
            log?.Invoke($"capture sink listening on {gateway}:{local.Address.Port} (the bridge gateway of the engine at {docker.Endpoint})");
            return local;
        }

        var relayed = await SinkContainer.StartAsync(docker, RepositoryRoot, Readiness, log, cancellationToken).ConfigureAwait(false);
        log?.Invoke($"capture sink: a relay container at {relayed.Address} on the engine at {docker.Endpoint}, reached through {docker.Endpoint.PortsHost}");
        return relayed;
    }

    /// <summary>Says whether the targets' egress is blocked on this engine: the harness can vouch only for an engine <c>.ci/engine.sh</c> set up.</summary>
    private async Task ReportEgressAsync(DockerEngine docker, CancellationToken cancellationToken)
    {
        if (await docker.EgressBlockedBridgeAsync(cancellationToken).ConfigureAwait(false) is { } bridge)
        {
            log?.Invoke($"engine {docker.Endpoint}: targets' egress is blocked (bridge {bridge}, set up by .ci/engine.sh)");
        }
        else
        {
            log?.Invoke($"WARNING: engine {docker.Endpoint} was not set up by .ci/engine.sh: the harness cannot guarantee that its targets (open-relay controls included) cannot reach outside; block egress from its bridge, or run `DOCKER_HOST={docker.Endpoint} bash .ci/engine.sh` on the engine's host");
        }
    }

    private async Task<RunningTarget> StartContainerAsync(TargetProfile profile, CancellationToken cancellationToken)
    {
        var docker = await EngineAsync(cancellationToken).ConfigureAwait(false);
        var spec = profile.Container ?? throw new TargetSpecException($"target {profile.Name}: a container target needs 'container:' with image, dockerfile or image_name");
        string image;
        if (spec.ImageName is not null)
        {
            image = spec.ImageName;
            if (!await docker.HasImageAsync(image, cancellationToken).ConfigureAwait(false))
            {
                throw new TargetSpecException($"target {profile.Name}: image '{image}' is not on this engine (the harness never pulls); build or load it first");
            }
        }
        else
        {
            var folder = spec.Dockerfile is not null
                ? (File.Exists(spec.Dockerfile) ? Path.GetDirectoryName(Path.GetFullPath(spec.Dockerfile))! : Path.GetFullPath(spec.Dockerfile))
                : Path.Combine(RepositoryLayout.TargetsDirectory(RepositoryRoot), "images", spec.Image ?? throw new TargetSpecException($"target {profile.Name}: container needs image, dockerfile or image_name"));
            image = await ContainerImages.EnsureBuiltAsync(docker, spec.Image ?? profile.Name, folder, log, cancellationToken).ConfigureAwait(false);
        }

        var dns = spec.Dns is null ? null : await TestDns.StartAsync(docker, profile, RepositoryRoot, log, cancellationToken).ConfigureAwait(false);
        ContainerTarget target;
        try
        {
            // A server that limits connections per client address is reached from several, where the harness can reach
            // container addresses (an engine on this machine); elsewhere from the published ports' one.
            var networks = profile.ConnectionsPerAddress is null ? null
                : docker.Endpoint.IsLocal ? await ClientNetworks.CreateAsync(docker, profile.Name, log, cancellationToken).ConfigureAwait(false)
                : LogOneAddress(profile, docker);
            target = await ContainerTarget.StartAsync(profile, image, sink!.Address, Readiness, docker, log, dns is null ? null : TestDns.TargetEnv(dns), networks, cancellationToken).ConfigureAwait(false);
            if (target.ClientRoutes.Count > 0)
            {
                log?.Invoke($"target {profile.Name}: connections spread over {target.ClientRoutes.Count + 1} client addresses (at most {profile.ConnectionsPerAddress} from each)");
            }
        }
        catch
        {
            if (dns is not null)
            {
                await dns.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }

        if (dns is not null)
        {
            target.Companions.Add(dns);
        }

        log?.Invoke($"target {profile.Name} greeted {target.StartToGreeting.TotalSeconds:0.0}s after start");
        target.Oracles["sink"] = sink;
        return target;
    }

    private ClientNetworks? LogOneAddress(TargetProfile profile, DockerEngine docker)
    {
        log?.Invoke($"target {profile.Name}: the engine at {docker.Endpoint} is not on this machine, so its container addresses are out of reach: all connections come from one address (at most {profile.ConnectionsPerAddress} at once)");
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (sink is not null)
        {
            await sink.DisposeAsync().ConfigureAwait(false);
        }

        engine?.Dispose();
        gate.Dispose();
    }
}
