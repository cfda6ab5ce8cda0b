using System.Globalization;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;

namespace ConformanceHarness.Containers;

/// <summary>
/// What every container the harness starts (targets, the capture sink's relay) has in common: it runs on the one
/// engine, from an image that is already there, with the owner label the leftover sweep reads, no reaper, and its
/// published ports bound to <see cref="DockerEngine.PublishOn"/> only; and it is removed from that engine when done.
/// </summary>
internal static class OwnedContainers
{
    public static ContainerBuilder Builder(string image, DockerEngine engine) =>
        new ContainerBuilder(image)
            .WithDockerEndpoint(engine.Endpoint)
            .WithImagePullPolicy(_ => false)
            .WithLabel(DockerEngine.OwnerLabel, Environment.ProcessId.ToString(CultureInfo.InvariantCulture))

            // No reaper session: Testcontainers then never starts Ryuk (its image cannot be pulled without a registry),
            // and the harness removes its containers itself (on dispose, and the leftover sweep by label).
            .WithCleanUp(false)
            .WithLogger(Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance)

            // 127.0.0.1 on this machine: nothing elsewhere can reach a deliberately open relay. On an engine elsewhere, the
            // address the harness reaches it at.
            .WithCreateParameterModifier(parameters =>
            {
                foreach (var bindings in parameters.HostConfig?.PortBindings?.Values ?? [])
                {
                    foreach (var binding in bindings)
                    {
                        binding.HostIP = engine.PublishOn;
                    }
                }
            });

    /// <summary>
    /// Stops and removes <paramref name="container"/> (and its anonymous volumes). Testcontainers only stops a container
    /// on dispose when its reaper is off, which would leave every run's containers behind as exited ones.
    /// </summary>
    /// <param name="what">Names it in the line <paramref name="log"/> hears when the engine would not remove it.</param>
    public static async Task RemoveAsync(IContainer container, DockerEngine engine, Action<string>? log, string what)
    {
        var id = container.Id;
        await container.DisposeAsync().ConfigureAwait(false);
        if (string.IsNullOrEmpty(id))
        {
            return;
        }

        // Bounded: a Ctrl+C'd run must still get out, and the next start sweeps whatever is left.
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await engine.RemoveContainerAsync(id, bound.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is EngineRequestException or HttpRequestException or IOException or TimeoutException or OperationCanceledException or System.Net.Sockets.SocketException)
        {
            // Dispose must not throw (it runs in finally blocks and on Ctrl+C); say so instead of leaving it silent.
            log?.Invoke($"container {id[..Math.Min(12, id.Length)]} of {what} was not removed ({e.Message}); the next run's start removes it");
        }
    }
}
