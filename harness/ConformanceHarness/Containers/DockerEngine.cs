using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using Version = System.Version;

namespace ConformanceHarness.Containers;

/// <summary>
/// The container engine as the harness needs it: is it there, which API does it speak, does it hold an image, where is
/// the host on the bridge, and which containers of earlier harness runs were left behind. Calls go through Docker.DotNet,
/// the client Testcontainers itself uses, at <see cref="Endpoint"/>; images and containers are built and started by
/// Testcontainers' builders given that same <see cref="Endpoint"/>, so everything happens on one engine.
/// </summary>
public sealed class DockerEngine : IDisposable
{
    /// <summary>Label on every container the harness starts; its value is the harness process id.</summary>
    public const string OwnerLabel = "conformance-harness.owner";

    /// <summary>
    /// The newest API version the harness asks for: the one Testcontainers 4.16 asks for by default, so its models mean
    /// what its authors tested. An older engine (Debian's docker.io 20.10 speaks 1.41) is asked in its own version.
    /// </summary>
    public static readonly Version NewestApi = new(1, 44);

    private readonly DockerClient client;

    /// <summary>The volume <c>.ci/engine.sh</c> creates on an engine whose bridge it blocked egress for; its label names that bridge.</summary>
    public const string EgressMarker = "conformance-harness-egress";

    /// <summary>The label of <see cref="EgressMarker"/> that names the bridge the block covers.</summary>
    public const string EgressBridgeLabel = "conformance-harness.egress-blocked-bridge";

    private DockerEngine(DockerClient client, EngineEndpoint endpoint, string publishOn)
    {
        this.client = client;
        Endpoint = endpoint;
        PublishOn = publishOn;
    }

    /// <summary>
    /// The address published ports are bound to on the engine's host: 127.0.0.1 for an engine on this machine (nothing
    /// elsewhere can reach a deliberately open relay), else the engine host's own address as this machine resolves it,
    /// the narrowest one the harness can still reach (a dind service's address on the job's network).
    /// </summary>
    public string PublishOn { get; }

    /// <summary>The engine, with the negotiated API version: give it to every Testcontainers builder.</summary>
    /// <summary>The client itself, for the engine calls that live beside this class (networks: <see cref="ClientNetworks"/>).</summary>
    internal DockerClient Client => client;

    public EngineEndpoint Endpoint { get; }

    public string ApiVersion => Endpoint.Version?.ToString() ?? "";

    /// <summary>What to tell a user whose engine does not answer at <paramref name="endpoint"/>.</summary>
    public static string HowToGetOne(EngineEndpoint endpoint) =>
        $"No Docker engine answers at {endpoint}. On Debian/Ubuntu as root: `bash .ci/engine.sh` (installs docker.io, starts dockerd " +
        "and builds the local base image), or `apt-get install docker.io && dockerd &`; elsewhere install Docker Engine or Docker Desktop and start it, " +
        "or set DOCKER_HOST to an engine's address (unix:///path/to/docker.sock, tcp://host:2375, or tcp://host:2376 with DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH).";

    /// <summary>
    /// Connects to the engine at <paramref name="endpoint"/> and settles the API version: DOCKER_API_VERSION when the
    /// user pinned one, else the newer of the engine's own and <see cref="NewestApi"/> that the engine still accepts.
    /// </summary>
    /// <exception cref="EngineUnavailableException">Nothing answers there, or it is not a Docker engine.</exception>
    public static async Task<DockerEngine> ConnectAsync(EngineEndpoint endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        VersionResponse version;

        // The version call goes without a /vX.Y/ prefix: the engine answers in its own version, whatever that is.
        try
        {
            using var unversioned = endpoint.WithVersion(null).GetDockerClientBuilder().Build();
            version = await unversioned.System.GetVersionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Anything (no socket, refused, TLS failure, an HTTP server that is not an engine, ssh:// which Docker.DotNet
            // does not speak) means the same to the user: there is no engine to run targets on.
            throw new EngineUnavailableException($"{HowToGetOne(endpoint)} ({e.GetType().Name}: {e.Message})", e);
        }

        var negotiated = endpoint.WithVersion(endpoint.Version ?? Negotiate(version));
        var publishOn = await PublishAddressAsync(endpoint, cancellationToken).ConfigureAwait(false);
        return new DockerEngine(negotiated.GetDockerClientBuilder().Build(), negotiated, publishOn);
    }

    private static async Task<string> PublishAddressAsync(EngineEndpoint endpoint, CancellationToken cancellationToken)
    {
        if (endpoint.IsLocal)
        {
            return "127.0.0.1";
        }

        if (IPAddress.TryParse(endpoint.PortsHost, out var literal))
        {
            return literal.ToString();
        }

        try
        {
            var addresses = await System.Net.Dns.GetHostAddressesAsync(endpoint.PortsHost, cancellationToken).ConfigureAwait(false);
            var chosen = addresses.FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
            return chosen?.ToString() ?? throw new EngineUnavailableException($"the engine host '{endpoint.PortsHost}' has no address");
        }
        catch (System.Net.Sockets.SocketException e)
        {
            throw new EngineUnavailableException($"the engine host '{endpoint.PortsHost}' does not resolve: {e.Message}", e);
        }
    }

    /// <summary>
    /// The bridge an egress block was installed for on this engine (by <c>.ci/engine.sh</c>), if it is the engine's
    /// default bridge, where the targets run; null when the engine carries no such mark (or one for another bridge).
    /// </summary>
    public async Task<string?> EgressBlockedBridgeAsync(CancellationToken cancellationToken)
    {
        var network = await client.Networks.InspectNetworkAsync("bridge", cancellationToken).ConfigureAwait(false);
        var bridge = BridgeName(network);
        try
        {
            var marker = await client.Volumes.InspectAsync(EgressMarker, cancellationToken).ConfigureAwait(false);
            return marker.Labels is { } labels && labels.TryGetValue(EgressBridgeLabel, out var blocked) && blocked == bridge ? bridge : null;
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>The newest version both speak, never below what the engine still accepts.</summary>
    internal static Version Negotiate(VersionResponse engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var newest = Version.TryParse(engine.APIVersion, out var own) && own < NewestApi ? own : NewestApi;
        return Version.TryParse(engine.MinAPIVersion, out var oldest) && oldest > newest ? oldest : newest;
    }

    /// <summary>The default bridge's gateway: the host as containers see it, where the capture sink listens.</summary>
    public async Task<IPAddress> BridgeGatewayAsync(CancellationToken cancellationToken)
    {
        var network = await client.Networks.InspectNetworkAsync("bridge", cancellationToken).ConfigureAwait(false);
        foreach (var config in network.IPAM?.Config ?? [])
        {
            if (IPAddress.TryParse(config.Gateway, out var address))
            {
                return address;
            }
        }

        // Some engines (Debian's docker.io 20.10) leave Gateway out: the bridge interface's own address is the gateway.
        var bridgeName = BridgeName(network);
        var bridge = System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces().FirstOrDefault(i => i.Name == bridgeName);
        var ipv4 = bridge?.GetIPProperties().UnicastAddresses
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork);
        return ipv4 ?? throw new EngineUnavailableException("the engine's default bridge network has no gateway address");
    }

    /// <summary>The default bridge's interface: docker0 unless dockerd runs with --bridge.</summary>
    private static string BridgeName(NetworkResponse network) =>
        network.Options is { } options && options.TryGetValue("com.docker.network.bridge.name", out var name) ? name : "docker0";

    /// <summary>True if the engine has an image with this reference.</summary>
    public async Task<bool> HasImageAsync(string reference, CancellationToken cancellationToken)
    {
        try
        {
            _ = await client.Images.InspectImageAsync(reference, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DockerImageNotFoundException)
        {
            return false;
        }
    }

    /// <summary>
    /// Removes containers that earlier harness runs left behind (killed, crashed): those labelled with an owner
    /// process that no longer runs. Returns how many were removed.
    /// </summary>
    public async Task<int> SweepLeftoversAsync(CancellationToken cancellationToken)
    {
        var removed = 0;
        foreach (var container in await OwnedAsync(cancellationToken).ConfigureAwait(false))
        {
            var owner = container.Labels is { } labels && labels.TryGetValue(OwnerLabel, out var value) ? value : null;
            if (int.TryParse(owner, out var pid) && ProcessAlive(pid))
            {
                continue;
            }

            // Another run's sweep may be removing the same leftover (404 gone, 409 in progress): not counted, not fatal;
            // whatever stays is swept by the next start.
            try
            {
                removed += await RemoveContainerAsync(container.ID, cancellationToken).ConfigureAwait(false) ? 1 : 0;
            }
            catch (EngineRequestException)
            {
            }
        }

        return removed;
    }

    /// <summary>
    /// Removes a container the harness started (and its anonymous volumes). Testcontainers only stops a container on
    /// dispose when its reaper is off, which left every run's targets behind as exited containers.
    /// </summary>
    /// <returns>True if this call removed it, false if the engine no longer knew it (404: already gone).</returns>
    /// <exception cref="EngineRequestException">The engine refused (any answer but success or 404).</exception>
    public async Task<bool> RemoveContainerAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            await client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DockerContainerNotFoundException)
        {
            return false;
        }
        catch (DockerApiException e)
        {
            throw new EngineRequestException($"the engine at {Endpoint} did not remove container {id}: {(int)e.StatusCode} {e.ResponseBody?.Trim()}", e);
        }
    }

    /// <summary>Containers currently labelled as the harness's (any owner).</summary>
    public async Task<int> CountOwnedAsync(CancellationToken cancellationToken) =>
        (await OwnedAsync(cancellationToken).ConfigureAwait(false)).Count;

    private async Task<IList<ContainerListResponse>> OwnedAsync(CancellationToken cancellationToken) =>
        await client.Containers.ListContainersAsync(
            new ContainersListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [OwnerLabel] = true } },
            },
            cancellationToken).ConfigureAwait(false);

    internal static bool ProcessAlive(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            // A recycled pid that now belongs to some other program does not keep a container alive.
            var name = process.ProcessName;
            return !process.HasExited
                && (name.Contains("conformance", StringComparison.OrdinalIgnoreCase)
                    || name.Contains("dotnet", StringComparison.OrdinalIgnoreCase)
                    || name.Contains("testhost", StringComparison.OrdinalIgnoreCase));
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    public void Dispose() => client.Dispose();
}
