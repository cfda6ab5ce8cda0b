using ConformanceHarness.Sink;
using ConformanceHarness.Targets;
using DotNet.Testcontainers.Containers;

namespace ConformanceHarness.Containers;

/// <summary>
/// The capture sink for an engine elsewhere: the relay container built from harness/targets/images/capture-sink runs on
/// the targets' network (they deliver to its address, port 25), and the harness reaches it through one published port
/// at the engine's host (<see cref="SinkTunnel"/>), so nothing assumes that the targets can reach the harness.
/// </summary>
public static class SinkContainer
{
    /// <summary>The image folder's name under harness/targets/images.</summary>
    public const string ImageName = "capture-sink";

    /// <summary>Where targets deliver, on their network.</summary>
    public const int TargetPort = 25;

    /// <summary>Where the harness connects, published.</summary>
    public const int RelayPort = 2526;

    /// <summary>Builds the relay's image on <paramref name="engine"/> if needed, starts it there and connects to it.</summary>
    /// <exception cref="TargetStartException">The relay did not start, or did not answer within <paramref name="readiness"/>.</exception>
    public static async Task<CaptureSink> StartAsync(DockerEngine engine, string? repositoryRoot, TimeSpan readiness, Action<string>? log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var folder = ImageFolder(repositoryRoot);
        var image = await ContainerImages.EnsureBuiltAsync(engine, ImageName, folder, log, cancellationToken).ConfigureAwait(false);
        var container = OwnedContainers.Builder(image, engine)
            .WithLabel("conformance-harness.target", ImageName)
            .WithPortBinding(RelayPort, assignRandomHostPort: true)
            .Build();
        var relay = new Relay(container, engine, log);
        try
        {
            await container.StartAsync(cancellationToken).ConfigureAwait(false);
            var forTargets = new SinkAddress(container.IpAddress, TargetPort);
            return await CaptureSink.OverTunnelAsync(forTargets, engine.Endpoint.PortsHost, container.GetMappedPublicPort(RelayPort), relay, readiness, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await relay.DisposeAsync().ConfigureAwait(false);
            if (e is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new TargetStartException($"the capture sink's relay container ({image}) on {engine.Endpoint} did not answer at {engine.Endpoint.PortsHost}: {e.Message}", e);
        }
    }

    /// <summary>The repository's harness/targets/images/capture-sink, else the copy the .NET tool package carries beside the program.</summary>
    private static string ImageFolder(string? repositoryRoot) =>
        (repositoryRoot ?? RepositoryLayout.FindRoot()) is { } root
            ? Path.Combine(root, "harness", "targets", "images", ImageName)
            : Path.Combine(AppContext.BaseDirectory, ImageName);

    /// <summary>The relay container, removed when the sink is disposed.</summary>
    private sealed class Relay(IContainer container, DockerEngine engine, Action<string>? log) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await OwnedContainers.RemoveAsync(container, engine, log, "the capture sink").ConfigureAwait(false);
    }
}
