using System.Net.Sockets;
using ConformanceHarness.Delivery;
using ConformanceHarness.Loopback;

namespace ConformanceHarness.Sink;

/// <summary>
/// The harness's side of the capture sink's relay container (harness/targets/images/capture-sink/relay.py): a few
/// connections kept open to the relay's published port, each answered "R" (ready) and then "G" when the relay pairs it
/// with a target's connection; that one is then served by the same SMTP session as the sink on the bridge gateway, and
/// its worker connects again. The harness only ever connects out, so it needs no address the targets can reach.
/// </summary>
internal sealed class SinkTunnel : IAsyncDisposable
{
    /// <summary>Deliveries at once: the relay queues a target's connection while every worker is busy.</summary>
    public const int Workers = 8;

    private static readonly TimeSpan Backoff = TimeSpan.FromMilliseconds(200);

    private readonly string host;
    private readonly int port;
    private readonly Action<DeliveredMessage> deliver;
    private readonly CancellationTokenSource stop = new();
    private readonly TaskCompletionSource firstReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task[] workers;

    private SinkTunnel(string host, int port, Action<DeliveredMessage> deliver)
    {
        this.host = host;
        this.port = port;
        this.deliver = deliver;
        workers = Enumerable.Range(0, Workers).Select(_ => Task.Run(WorkAsync)).ToArray();
    }

    /// <summary>
    /// Connects to the relay at <paramref name="host"/>:<paramref name="port"/> and returns once it said ready (a
    /// published port accepts before the relay behind it listens, so only its "R" counts).
    /// </summary>
    /// <exception cref="TimeoutException">The relay did not answer within <paramref name="readiness"/>.</exception>
    public static async Task<SinkTunnel> OpenAsync(string host, int port, Action<DeliveredMessage> deliver, TimeSpan readiness, CancellationToken cancellationToken)
    {
        var tunnel = new SinkTunnel(host, port, deliver);
        try
        {
            await tunnel.firstReady.Task.WaitAsync(readiness, cancellationToken).ConfigureAwait(false);
            return tunnel;
        }
        catch
        {
            await tunnel.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task WorkAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var client = new TcpClient { NoDelay = true };
                await client.ConnectAsync(host, port, stop.Token).ConfigureAwait(false);
                var stream = client.GetStream();
                if (await ReadSignalAsync(stream) != 'R')
                {
                    throw new IOException("the relay closed before it said ready");
                }

                firstReady.TrySetResult();
                if (await ReadSignalAsync(stream) != 'G')
                {
                    throw new IOException("the relay closed a waiting connection");
                }

                await LoopbackSmtpServer.ServeAsync(stream, CaptureSink.Policy, deliver, stop.Token).ConfigureAwait(false);
                continue;
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The relay is starting, restarting or gone, or the tunnel is closing: try again shortly (or stop).
            }

            try
            {
                await Task.Delay(Backoff, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>The relay's one-byte signal, or -1 when it closed.</summary>
    private async Task<int> ReadSignalAsync(NetworkStream stream)
    {
        var signal = new byte[1];
        return await stream.ReadAsync(signal, stop.Token).ConfigureAwait(false) == 1 ? signal[0] : -1;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(workers).ConfigureAwait(false);
        stop.Dispose();
    }
}
