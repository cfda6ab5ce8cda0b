using Docker.DotNet;
using Docker.DotNet.Handler.Abstractions;
using Docker.DotNet.X509;
using DotNet.Testcontainers.Configurations;

namespace ConformanceHarness.Containers;

/// <summary>
/// Which container engine the harness talks to, and how: its address, its TLS credentials and the API version to ask
/// for. The one object both the harness's own engine calls (<see cref="DockerEngine"/>) and Testcontainers' builders
/// (<c>WithDockerEndpoint</c>) are given, so an image is looked up, built and run on the same engine.
/// </summary>
/// <remarks>
/// Resolved as the <c>docker</c> CLI resolves it (Docker.DotNet's <see cref="DockerConfig"/>): <c>DOCKER_HOST</c>
/// (unix://, tcp://), else the current docker context, else unix:///var/run/docker.sock. <c>DOCKER_TLS_VERIFY</c>
/// (any non-empty value) turns on TLS with the client certificate and CA in <c>DOCKER_CERT_PATH</c> (default ~/.docker).
/// Carrying the API version here, rather than in DOCKER_API_VERSION, is what lets the harness leave the process
/// environment alone: Testcontainers reads that variable once into a static, whereas this object is asked per client.
/// </remarks>
public sealed class EngineEndpoint : IDockerEndpointAuthenticationConfiguration
{
    private EngineEndpoint(Uri endpoint, IAuthProvider? authProvider, Version? version)
    {
        Endpoint = endpoint;
        AuthProvider = authProvider;
        Version = version;
    }

    public Uri Endpoint { get; }

    /// <summary>TLS credentials for a tcp:// engine, or null for none.</summary>
    public IAuthProvider? AuthProvider { get; }

    /// <summary>The API version requested (the path's <c>/vX.Y/</c>), or null to let the engine answer in its own.</summary>
    public Version? Version { get; }

    /// <summary>The engine that DOCKER_HOST, DOCKER_CONTEXT and DOCKER_TLS_VERIFY/DOCKER_CERT_PATH name in this process.</summary>
    public static EngineEndpoint FromEnvironment() => FromEnvironment(Environment.GetEnvironmentVariable);

    /// <summary>The engine those variables name, read through <paramref name="environment"/>.</summary>
    /// <exception cref="EngineUnavailableException">The variables name no usable engine (a malformed URL, missing certificates).</exception>
    public static EngineEndpoint FromEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        Uri endpoint;
        try
        {
            endpoint = new DockerConfig(new CliSettings(environment)).GetEndpoint();
        }
        catch (DockerConfigurationException e)
        {
            throw new EngineUnavailableException($"{e.Message} Set DOCKER_HOST to an engine's address, e.g. unix:///var/run/docker.sock or tcp://127.0.0.1:2375.", e);
        }

        return new EngineEndpoint(endpoint, TlsCredentials(environment), PinnedVersion(environment));
    }

    /// <summary>An engine named by URL (unix:///path, tcp://host:port), without TLS.</summary>
    public static EngineEndpoint Parse(string url) => new(Checked(url), null, null);

    /// <summary>
    /// The engine at <paramref name="url"/> in place of DOCKER_HOST (<c>--engine</c>), with everything else
    /// (DOCKER_TLS_VERIFY, DOCKER_CERT_PATH, DOCKER_API_VERSION) read through <paramref name="environment"/> as usual.
    /// </summary>
    /// <exception cref="EngineUnavailableException"><paramref name="url"/> is no engine address the harness can use.</exception>
    public static EngineEndpoint ForHost(string url, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        _ = Checked(url);
        return FromEnvironment(name => name == "DOCKER_HOST" ? url : environment(name));
    }

    /// <summary>
    /// The host the engine's published ports are reached at: this machine for a unix socket, else the engine's own host
    /// (tcp://docker:2375 → docker), wherever that is.
    /// </summary>
    public string PortsHost => Endpoint.Scheme is "unix" or "npipe" ? "127.0.0.1" : Endpoint.Host.Trim('[', ']');

    /// <summary>
    /// True when the engine is on this machine's loopback (a unix socket, or tcp:// to 127.0.0.0/8, ::1, localhost): its
    /// bridge gateway is then an address of this machine, where the capture sink can listen for its containers.
    /// </summary>
    public bool IsLocal => Endpoint.Scheme is "unix" or "npipe"
        || Endpoint.IsLoopback
        || (System.Net.IPAddress.TryParse(PortsHost, out var address) && System.Net.IPAddress.IsLoopback(address));

    private static Uri Checked(string url)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var endpoint) && endpoint.Scheme is "ssh")
        {
            // Docker.DotNet, the client Testcontainers and the harness use, has no ssh transport.
            throw new EngineUnavailableException($"'{url}': ssh:// engines are not supported; forward the engine's socket instead (ssh -NL 127.0.0.1:2375:/var/run/docker.sock USER@HOST) and use tcp://127.0.0.1:2375");
        }

        if (endpoint is null || endpoint.Scheme is not ("unix" or "tcp" or "http" or "https") || (endpoint.Scheme != "unix" && string.IsNullOrEmpty(endpoint.Host)))
        {
            throw new EngineUnavailableException($"'{url}' is not an engine address: use unix:///path/to/docker.sock or tcp://host:port");
        }

        return endpoint;
    }

    /// <summary>The same engine, asked in API version <paramref name="version"/>.</summary>
    public EngineEndpoint WithVersion(Version? version) => new(Endpoint, AuthProvider, version);

    public DockerClientBuilder GetDockerClientBuilder(Guid sessionId = default) =>
        new DockerClientBuilder()
            .WithEndpoint(Endpoint)
            .WithAuthProvider(AuthProvider)
            .WithApiVersion(Version)
            .WithHeader("x-tc-sid", sessionId.ToString("D"));

    public override string ToString() => Endpoint.ToString();

    /// <summary>DOCKER_API_VERSION, as the docker CLI reads it: the user pins the version and negotiation is skipped.</summary>
    internal static Version? PinnedVersion(Func<string, string?> environment) =>
        Version.TryParse(environment("DOCKER_API_VERSION"), out var pinned) ? pinned : null;

    private static IAuthProvider? TlsCredentials(Func<string, string?> environment)
    {
        if (string.IsNullOrEmpty(environment("DOCKER_TLS_VERIFY")))
        {
            return null;
        }

        var folder = environment("DOCKER_CERT_PATH") is { Length: > 0 } path
            ? path
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");
        try
        {
            return DockerTlsCertificates.LoadFromDirectory(folder).CreateCredentials();
        }
        catch (Exception e) when (e is IOException or System.Security.Cryptography.CryptographicException)
        {
            throw new EngineUnavailableException($"DOCKER_TLS_VERIFY is set but the client certificate in '{folder}' (cert.pem, key.pem, ca.pem) cannot be loaded: {e.Message}", e);
        }
    }

    /// <summary>The docker CLI's variables, read through the given lookup instead of the process environment.</summary>
    private sealed class CliSettings(Func<string, string?> environment) : IDockerCliSettings
    {
        public string? DockerConfig => environment("DOCKER_CONFIG");

        public string? DockerHost => environment("DOCKER_HOST");

        public string? DockerTlsVerify => environment("DOCKER_TLS_VERIFY");

        public string? DockerContext => environment("DOCKER_CONTEXT");
    }
}
