using System.Net;
using ConformanceHarness.Delivery;
using ConformanceHarness.Loopback;

namespace ConformanceHarness.Sink;

/// <summary>
/// The capture sink: an SMTP server run by the harness, the smarthost of every bundled target. It accepts
/// every message and keeps it, so "250 at RCPT" can be turned into "the message was really relayed" and
/// smuggled messages can be counted. Nothing it receives goes anywhere else. Targets reach it one of two ways, with
/// the same SMTP session behind both: a listener on the engine's bridge gateway (<see cref="Start"/>: the engine is on
/// this machine), or a relay container on the targets' network that the harness connects out to
/// (<see cref="OverTunnelAsync"/>: the engine is elsewhere).
/// </summary>
public sealed class CaptureSink : IDeliveryOracle, IAsyncDisposable
{
    /// <summary>
    /// What the bundled targets see: every command accepted in any order (the sink grades nothing; it only keeps),
    /// unknown verbs answered 250, messages up to 32 MiB kept.
    /// </summary>
    public static readonly LoopbackSmtpPolicy Policy = new()
    {
        Greeting = "220 capture-sink.conformance-harness.invalid ESMTP capture sink",
        Ehlo = "250-capture-sink\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 SIZE 33554432",
        Helo = "250 capture-sink",
        Mail = "250 2.1.0 ok",
        Rcpt = "250 2.1.5 ok",
        Data = "354 go ahead",
        Accepted = "250 2.0.0 captured",
        Reset = "250 2.0.0 ok",
        Noop = "250 2.0.0 ok",
        Quit = "221 2.0.0 bye",
        Unrecognised = "250 2.0.0 ok",
    };

    private readonly List<DeliveredMessage> messages = [];
    private readonly Lock gate = new();
    private IAsyncDisposable? door;
    private TaskCompletionSource arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private CaptureSink()
    {
    }

    /// <summary>Where targets deliver (their <c>SINK_HOST</c> and <c>SINK_PORT</c>).</summary>
    public SinkAddress Address { get; private set; } = new("", 0);

    /// <summary>
    /// Starts listening on <paramref name="address"/> (the container bridge's gateway) and a free or given port; the
    /// targets reach it as <paramref name="targetsHost"/> (host.docker.internal, which their engine maps to that gateway).
    /// </summary>
    public static CaptureSink Start(IPAddress address, int port = 0, string targetsHost = "host.docker.internal")
    {
        var sink = new CaptureSink();
        var server = LoopbackSmtpServer.Start(address, port, Policy, sink.Store);
        sink.door = server;
        sink.Address = new SinkAddress(targetsHost, server.EndPoint.Port);
        return sink;
    }

    /// <summary>
    /// A sink whose targets deliver to a relay (at <paramref name="forTargets"/> on their network) that the harness
    /// reaches at <paramref name="relayHost"/>:<paramref name="relayPort"/>; <paramref name="relay"/> is disposed with it.
    /// </summary>
    /// <exception cref="TimeoutException">The relay did not say ready within <paramref name="readiness"/>.</exception>
    internal static async Task<CaptureSink> OverTunnelAsync(SinkAddress forTargets, string relayHost, int relayPort, IAsyncDisposable relay, TimeSpan readiness, CancellationToken cancellationToken)
    {
        var sink = new CaptureSink { Address = forTargets };
        var tunnel = await SinkTunnel.OpenAsync(relayHost, relayPort, sink.Store, readiness, cancellationToken).ConfigureAwait(false);
        sink.door = new Both(tunnel, relay);
        return sink;
    }

    public IReadOnlyList<DeliveredMessage> Messages
    {
        get
        {
            lock (gate)
            {
                return [.. messages];
            }
        }
    }

    public async Task<IReadOnlyList<DeliveredMessage>> WaitAsync(string token, int atLeast, TimeSpan within, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + within;
        while (true)
        {
            Task signal;
            lock (gate)
            {
                var found = messages.Where(m => m.Text.Contains(token, StringComparison.Ordinal)).ToList();
                if (found.Count >= atLeast || DateTimeOffset.UtcNow >= deadline)
                {
                    return found;
                }

                signal = arrived.Task;
            }

            var left = deadline - DateTimeOffset.UtcNow;
            if (left > TimeSpan.Zero)
            {
                await Task.WhenAny(signal, Task.Delay(left, cancellationToken)).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }

    private void Store(DeliveredMessage message)
    {
        lock (gate)
        {
            messages.Add(message);
            arrived.TrySetResult();
            arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public ValueTask DisposeAsync() => door?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <summary>The tunnel, then the relay container it reaches.</summary>
    private sealed class Both(IAsyncDisposable first, IAsyncDisposable second) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await first.DisposeAsync().ConfigureAwait(false);
            await second.DisposeAsync().ConfigureAwait(false);
        }
    }
}
