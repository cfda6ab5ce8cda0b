using System.Net;
using ConformanceHarness.Delivery;
using ConformanceHarness.Loopback;

namespace ConformanceHarness.Sink;

/// <summary>
/// The capture sink: an SMTP listener run by the harness, the smarthost of every bundled target. It accepts
/// every message and keeps it, so "250 at RCPT" can be turned into "the message was really relayed" and
/// smuggled messages can be counted. Nothing it receives goes anywhere else.
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
    private readonly LoopbackSmtpServer server;
    private TaskCompletionSource arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private CaptureSink(IPAddress address, int port)
    {
        server = LoopbackSmtpServer.Start(address, port, Policy, Store);
    }

    public IPEndPoint EndPoint => server.EndPoint;

    /// <summary>Starts listening on <paramref name="address"/> (e.g. the container bridge's gateway) and a free or given port.</summary>
    public static CaptureSink Start(IPAddress address, int port = 0) => new(address, port);

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

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
