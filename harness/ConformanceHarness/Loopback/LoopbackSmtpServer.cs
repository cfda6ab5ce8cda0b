using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using ConformanceHarness.Delivery;

namespace ConformanceHarness.Loopback;

/// <summary>
/// The harness's own small SMTP server: the capture sink, the bench's <c>process:</c> target and the CLI tests'
/// servers are this one, each with its <see cref="LoopbackSmtpPolicy"/>. Reads are bounded (lines, message size,
/// session time) and every wait takes the server's cancellation, so a hostile or stalled client costs little and
/// disposing ends every session. (The tests' fault-injecting fake is another thing: it breaks rules on purpose.)
/// </summary>
public sealed class LoopbackSmtpServer : IAsyncDisposable
{
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(5);

    private readonly TcpListener listener;
    private readonly LoopbackSmtpPolicy policy;
    private readonly Action<DeliveredMessage>? received;
    private readonly CancellationTokenSource stop;
    private readonly ConcurrentDictionary<Task, byte> sessions = new();
    private readonly Task acceptLoop;
    private int messages;
    private int connections;
    private bool disposed;

    private LoopbackSmtpServer(TcpListener listener, LoopbackSmtpPolicy policy, Action<DeliveredMessage>? received, CancellationToken cancellationToken)
    {
        this.listener = listener;
        this.policy = policy;
        this.received = received;
        stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        acceptLoop = AcceptLoopAsync();
    }

    public IPEndPoint EndPoint => (IPEndPoint)listener.LocalEndpoint;

    /// <summary>Connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref connections);

    /// <summary>Messages received (DATA completed) so far.</summary>
    public int Messages => Volatile.Read(ref messages);

    /// <summary>
    /// Starts listening on <paramref name="address"/> and <paramref name="port"/> (0: a free one). Each completed
    /// DATA is handed to <paramref name="received"/>; cancelling <paramref name="cancellationToken"/> ends every session.
    /// </summary>
    public static LoopbackSmtpServer Start(IPAddress address, int port, LoopbackSmtpPolicy policy, Action<DeliveredMessage>? received = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var listener = new TcpListener(address, port);
        listener.Start();
        return new LoopbackSmtpServer(listener, policy, received, cancellationToken);
    }

    private async Task AcceptLoopAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException or InvalidOperationException)
            {
                // Disposal stopped the listener (InvalidOperationException: "not listening" after Stop).
                return;
            }

            Interlocked.Increment(ref connections);
            var session = Task.Run(() => ServeAsync(client));
            sessions.TryAdd(session, 0);
            _ = session.ContinueWith(done => sessions.TryRemove(done, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        await ServeAsync(client.GetStream(), policy, Deliver, stop.Token).ConfigureAwait(false);
    }

    /// <summary>
    /// One client's dialogue on <paramref name="stream"/>, bounded by the policy's session limit; ends quietly when the
    /// client goes away, stalls past the limit or <paramref name="stopping"/> is cancelled. Also how the capture sink
    /// serves a connection that reached it through its relay container (<see cref="Sink.SinkTunnel"/>).
    /// </summary>
    internal static async Task ServeAsync(Stream stream, LoopbackSmtpPolicy policy, Action<DeliveredMessage> deliver, CancellationToken stopping)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        limit.CancelAfter(policy.SessionLimit);
        try
        {
            await new LoopbackSmtpSession(stream, policy, deliver).RunAsync(limit.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // The client went away, stalled past the session limit, or the server is stopping: the ways a session ends.
        }
    }

    private void Deliver(DeliveredMessage message)
    {
        Interlocked.Increment(ref messages);
        received?.Invoke(message);
    }

    /// <summary>Stops accepting, cancels every session and waits (boundedly) for them to end.</summary>
    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        await stop.CancelAsync().ConfigureAwait(false);
        listener.Stop();
        await acceptLoop.ConfigureAwait(false);
        try
        {
            await Task.WhenAll(sessions.Keys).WaitAsync(StopBound).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Every wait in a session takes the cancelled token; one still running is stuck in the OS, not in us.
        }

        stop.Dispose();
    }
}
