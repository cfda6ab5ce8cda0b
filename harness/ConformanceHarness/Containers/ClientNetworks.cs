using System.Globalization;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using ConformanceHarness.Targets;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace ConformanceHarness.Containers;

/// <summary>
/// Extra client addresses for a container target whose server limits connections per client address
/// (<c>connections_per_address</c>): internal bridge networks, one /24 each (<see cref="ClientSubnets"/>), that the
/// target's container joins. The harness connects to the container's address on each network from the host's gateway
/// address there, so the server sees a different client address (and /24) per network. Internal: a container gets no
/// route out through them (the engine drops their traffic to anywhere but the network), so the egress rule holds. Only
/// for an engine on this machine, whose container addresses the harness can reach; removed after the container.
/// </summary>
public sealed class ClientNetworks : IAsyncDisposable
{
    /// <summary>Networks per target (the published ports are one address more): Courier's 5 per address × 6 stays below its MAXDAEMONS 40.</summary>
    public const int Count = 5;

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    private readonly DockerEngine engine;
    private readonly List<(string Id, string Subnet)> networks;
    private readonly Action<string>? log;

    private ClientNetworks(DockerEngine engine, List<(string Id, string Subnet)> networks, Action<string>? log)
    {
        this.engine = engine;
        this.networks = networks;
        this.log = log;
    }

    /// <summary>The host's address on each network, the client addresses the server will see (for CLIENT_ADDRESSES).</summary>
    public IReadOnlyList<string> Gateways => [.. networks.Select(n => ClientSubnets.Gateway(n.Subnet))];

    /// <summary>Creates up to <see cref="Count"/> networks for <paramref name="target"/>; none (and a log line) when the engine would not.</summary>
    public static async Task<ClientNetworks> CreateAsync(DockerEngine engine, string target, Action<string>? log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var created = new List<(string Id, string Subnet)>();
        try
        {
            var taken = (await engine.Client.Networks.ListNetworksAsync(new NetworksListParameters(), cancellationToken).ConfigureAwait(false))
                .SelectMany(n => n.IPAM?.Config ?? []).Select(c => c.Subnet).OfType<string>()
                .Concat(HostSubnets()).ToList();
            // Another run may take a subnet between the list and the create: that one is refused, the next candidate tried.
            foreach (var subnet in ClientSubnets.Pick(taken, Count * 4, Environment.ProcessId * 31 + target.Length))
            {
                if (created.Count == Count)
                {
                    break;
                }

                if (await TryCreateAsync(engine, target, created.Count, subnet, cancellationToken).ConfigureAwait(false) is { } id)
                {
                    created.Add((id, subnet));
                }
            }
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException or TimeoutException)
        {
            log?.Invoke($"target {target}: no extra client networks ({e.Message}); its connections all come from one address");
        }

        return new ClientNetworks(engine, created, log);
    }

    private static async Task<string?> TryCreateAsync(DockerEngine engine, string target, int index, string subnet, CancellationToken cancellationToken)
    {
        var owner = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        try
        {
            var response = await engine.Client.Networks.CreateNetworkAsync(
                new NetworksCreateParameters
                {
                    Name = $"conformance-harness-{owner}-{target}-{index}",
                    Driver = "bridge",
                    Internal = true,
                    IPAM = new IPAM { Config = [new IPAMConfig { Subnet = subnet, Gateway = ClientSubnets.Gateway(subnet) }] },
                    Labels = new Dictionary<string, string> { [DockerEngine.OwnerLabel] = owner, ["conformance-harness.target"] = target },
                },
                cancellationToken).ConfigureAwait(false);
            return response.ID;
        }
        catch (DockerApiException e) when (e.StatusCode is System.Net.HttpStatusCode.Forbidden or System.Net.HttpStatusCode.Conflict or System.Net.HttpStatusCode.BadRequest)
        {
            // "Pool overlaps with other one on this address space": taken meanwhile.
            return null;
        }
    }

    /// <summary>The subnets of this machine's own interfaces (a network there would shadow a route the host uses).</summary>
    private static IEnumerable<string> HostSubnets() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Where(a => a.Address.AddressFamily == AddressFamily.InterNetwork)
            .Select(a => $"{a.Address}/{a.PrefixLength}");

    /// <summary>
    /// Joins <paramref name="containerId"/> to every network and returns one route per network the harness reached
    /// (role → the container's address there and the role's container port, from the gateway): a short connect to the
    /// first port proves it; a network not reached is left out, and none reached says so in the log.
    /// </summary>
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, RoleEndpoint>>> AttachAsync(string containerId, IReadOnlyDictionary<string, int> ports, CancellationToken cancellationToken)
    {
        var routes = new List<IReadOnlyDictionary<string, RoleEndpoint>>();
        if (networks.Count == 0 || ports.Count == 0)
        {
            return routes;
        }

        ContainerInspectResponse inspected;
        try
        {
            foreach (var (id, _) in networks)
            {
                await engine.Client.Networks.ConnectNetworkAsync(id, new NetworkConnectParameters { Container = containerId }, cancellationToken).ConfigureAwait(false);
            }

            inspected = await engine.Client.Containers.InspectContainerAsync(containerId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException or TimeoutException)
        {
            // Spreading is a speed-up, never a condition: the published ports still reach the target.
            log?.Invoke($"container {containerId[..Math.Min(12, containerId.Length)]} did not join its client networks ({e.Message}); its connections all come from the published ports' one address");
            return routes;
        }

        foreach (var (id, subnet) in networks)
        {
            var address = inspected.NetworkSettings?.Networks?.Values.FirstOrDefault(n => n.NetworkID == id)?.IPAddress;
            var gateway = ClientSubnets.Gateway(subnet);
            if (string.IsNullOrEmpty(address) || !ClientSubnets.InBlock(gateway) || !await ReachesAsync(gateway, address, ports.First().Value, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            routes.Add(ports.ToDictionary(p => p.Key, p => new RoleEndpoint(address, p.Value, RoleEndpoint.IsImplicitTlsRole(p.Key)) { LocalAddress = gateway }));
        }

        if (routes.Count == 0)
        {
            log?.Invoke($"container {containerId[..Math.Min(12, containerId.Length)]}: its addresses on the client networks cannot be reached from here; its connections all come from the published ports' one address");
        }

        return routes;
    }

    /// <summary>A TCP connect from <paramref name="local"/> to the container's address (accepted, then closed at once).</summary>
    private static async Task<bool> ReachesAsync(string local, string address, int port, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Parse(local), 0));
            await socket.ConnectAsync(System.Net.IPAddress.Parse(address), port, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// Removes the client networks earlier runs left behind (killed before their dispose): those whose owner process no
    /// longer runs. Call after the containers' sweep (a network with a container on it cannot go). Returns how many.
    /// </summary>
    public static async Task<int> SweepLeftoversAsync(DockerEngine engine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var owned = await engine.Client.Networks.ListNetworksAsync(
            new NetworksListParameters { Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [DockerEngine.OwnerLabel] = true } } },
            cancellationToken).ConfigureAwait(false);
        var removed = 0;
        foreach (var network in owned)
        {
            if (network.Labels is { } labels && labels.TryGetValue(DockerEngine.OwnerLabel, out var owner) && int.TryParse(owner, CultureInfo.InvariantCulture, out var pid) && DockerEngine.ProcessAlive(pid))
            {
                continue;
            }

            try
            {
                await engine.Client.Networks.DeleteNetworkAsync(network.ID, cancellationToken).ConfigureAwait(false);
                removed++;
            }
            catch (DockerApiException)
            {
                // Another run's sweep got there first, or a leftover container still holds it: the next start tries again.
            }
        }

        return removed;
    }

    /// <summary>Removes the networks (after the container: a network with a container on it cannot go). Never throws.</summary>
    public async ValueTask DisposeAsync()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        foreach (var (id, _) in networks)
        {
            try
            {
                await engine.Client.Networks.DeleteNetworkAsync(id, bound.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException or TimeoutException or OperationCanceledException)
            {
                log?.Invoke($"client network {id[..Math.Min(12, id.Length)]} was not removed ({e.Message}); the next run's start removes it");
            }
        }

        networks.Clear();
    }
}
