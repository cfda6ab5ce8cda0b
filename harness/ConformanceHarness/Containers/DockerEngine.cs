using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConformanceHarness.Containers;

/// <summary>
/// The container engine as the harness needs it: is it there, which API does it speak, where is the host on the
/// bridge, and which containers of earlier harness runs were left behind. Talks to the engine's socket directly
/// for these few calls; containers and images themselves go through Testcontainers.
/// </summary>
public sealed class DockerEngine : IDisposable
{
    /// <summary>Label on every container the harness starts; its value is the harness process id.</summary>
    public const string OwnerLabel = "conformance-harness.owner";

    private readonly HttpClient http;

    private DockerEngine(HttpClient http, string apiVersion)
    {
        this.http = http;
        ApiVersion = apiVersion;
    }

    public string ApiVersion { get; }

    public const string HowToGetOne =
        "No Docker engine answers on /var/run/docker.sock. On Debian/Ubuntu as root: `bash .ci/engine.sh` (installs docker.io, starts dockerd " +
        "and builds the local base image), or `apt-get install docker.io && dockerd &`; elsewhere install Docker Engine or Docker Desktop and start it, " +
        "or set DOCKER_HOST to an engine's unix socket.";

    /// <summary>
    /// Connects to the engine and sets what Testcontainers needs for it: the engine's API version, no reaper image
    /// (it cannot be pulled without a registry; the harness cleans up by label instead), and 127.0.0.1 as the host.
    /// </summary>
    public static async Task<DockerEngine> ConnectAsync(CancellationToken cancellationToken)
    {
        var socketPath = SocketPath();
        if (!File.Exists(socketPath))
        {
            throw new EngineUnavailableException(HowToGetOne);
        }

        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var http = new HttpClient(handler) { BaseAddress = new Uri("http://docker/"), Timeout = TimeSpan.FromSeconds(30) };
        VersionResponse? version;
        try
        {
            version = await http.GetFromJsonAsync<VersionResponse>("version", cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or JsonException or TaskCanceledException)
        {
            http.Dispose();
            throw new EngineUnavailableException($"{HowToGetOne} ({e.Message})", e);
        }

        var api = version?.ApiVersion ?? "1.41";
        Environment.SetEnvironmentVariable("DOCKER_API_VERSION", Environment.GetEnvironmentVariable("DOCKER_API_VERSION") ?? api);
        Environment.SetEnvironmentVariable("TESTCONTAINERS_RYUK_DISABLED", "true");
        Environment.SetEnvironmentVariable("TESTCONTAINERS_HOST_OVERRIDE", Environment.GetEnvironmentVariable("TESTCONTAINERS_HOST_OVERRIDE") ?? "127.0.0.1");
        return new DockerEngine(http, api);
    }

    private static string SocketPath()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        return host is not null && host.StartsWith("unix://", StringComparison.Ordinal) ? host["unix://".Length..] : "/var/run/docker.sock";
    }

    /// <summary>The default bridge's gateway: the host as containers see it, where the capture sink listens.</summary>
    public async Task<System.Net.IPAddress> BridgeGatewayAsync(CancellationToken cancellationToken)
    {
        var network = await http.GetFromJsonAsync<JsonElement>($"v{ApiVersion}/networks/bridge", cancellationToken).ConfigureAwait(false);
        foreach (var config in network.GetProperty("IPAM").GetProperty("Config").EnumerateArray())
        {
            if (config.TryGetProperty("Gateway", out var gateway) && System.Net.IPAddress.TryParse(gateway.GetString(), out var address))
            {
                return address;
            }
        }

        // Some engines (Debian's docker.io 20.10) leave Gateway out: the bridge interface's own address is the gateway.
        var bridgeName = network.TryGetProperty("Options", out var options) && options.ValueKind == JsonValueKind.Object
            && options.TryGetProperty("com.docker.network.bridge.name", out var nameElement)
            ? nameElement.GetString() ?? "docker0"
            : "docker0";
        var bridge = System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces().FirstOrDefault(i => i.Name == bridgeName);
        var ipv4 = bridge?.GetIPProperties().UnicastAddresses
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork);
        if (ipv4 is not null)
        {
            return ipv4;
        }

        throw new EngineUnavailableException("the engine's default bridge network has no gateway address");
    }

    /// <summary>True if the engine has an image with this reference.</summary>
    public async Task<bool> HasImageAsync(string reference, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"v{ApiVersion}/images/{Uri.EscapeDataString(reference)}/json", cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode;
    }

    /// <summary>
    /// Removes containers that earlier harness runs left behind (killed, crashed): those labelled with an owner
    /// process that no longer runs. Returns how many were removed.
    /// </summary>
    public async Task<int> SweepLeftoversAsync(CancellationToken cancellationToken)
    {
        var filters = Uri.EscapeDataString(JsonSerializer.Serialize(new Dictionary<string, string[]> { ["label"] = [OwnerLabel] }));
        var containers = await http.GetFromJsonAsync<JsonElement>($"v{ApiVersion}/containers/json?all=true&filters={filters}", cancellationToken).ConfigureAwait(false);
        var removed = 0;
        foreach (var container in containers.EnumerateArray())
        {
            var owner = container.GetProperty("Labels").TryGetProperty(OwnerLabel, out var value) ? value.GetString() : null;
            if (int.TryParse(owner, out var pid) && ProcessAlive(pid))
            {
                continue;
            }

            var id = container.GetProperty("Id").GetString();
            using var response = await http.DeleteAsync($"v{ApiVersion}/containers/{id}?force=true&v=true", cancellationToken).ConfigureAwait(false);
            removed += response.IsSuccessStatusCode ? 1 : 0;
        }

        return removed;
    }

    /// <summary>
    /// Removes a container the harness started (and its anonymous volumes). Testcontainers only stops a container on
    /// dispose when its reaper is off, which left every run's targets behind as exited containers.
    /// </summary>
    public async Task RemoveContainerAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await http.DeleteAsync($"v{ApiVersion}/containers/{Uri.EscapeDataString(id)}?force=true&v=true", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Containers currently labelled as the harness's (any owner).</summary>
    public async Task<int> CountOwnedAsync(CancellationToken cancellationToken)
    {
        var filters = Uri.EscapeDataString(JsonSerializer.Serialize(new Dictionary<string, string[]> { ["label"] = [OwnerLabel] }));
        var containers = await http.GetFromJsonAsync<JsonElement>($"v{ApiVersion}/containers/json?all=true&filters={filters}", cancellationToken).ConfigureAwait(false);
        return containers.GetArrayLength();
    }

    private static bool ProcessAlive(int pid)
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

    public void Dispose() => http.Dispose();

    private sealed record VersionResponse([property: JsonPropertyName("ApiVersion")] string? ApiVersion);
}
