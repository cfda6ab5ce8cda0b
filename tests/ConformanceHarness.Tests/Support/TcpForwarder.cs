using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace ConformanceHarness.Tests.Support;

/// <summary>
/// Test-only plumbing: listens on a loopback address and pipes every connection, byte for byte in both directions
/// (TLS included, it never looks inside), to another loopback endpoint such as a container's published port. Mail
/// exchangers are all probed on one port (25, or <c>--port</c>), so two targets behind two MX records need that same
/// port on two addresses; the containers publish random ports on 127.0.0.1, and these relays put them on
/// 127.0.0.2:P and 127.0.0.3:P. Both ends must be loopback: nothing here can reach another machine.
/// </summary>
public sealed class TcpForwarder : IAsyncDisposable
{
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(5);

    private readonly TcpListener listener;
    private readonly IPEndPoint to;
    private readonly ConcurrentQueue<string> log;
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<Socket, byte> open = new();
    private readonly ConcurrentQueue<Task> sessions = new();
    private Task acceptLoop = Task.CompletedTask;
    private int connections;

    private TcpForwarder(IPEndPoint listen, IPEndPoint to, ConcurrentQueue<string> log)
    {
        this.to = to;
        this.log = log;
        listener = new TcpListener(listen);
    }

    public IPEndPoint Listening => (IPEndPoint)listener.LocalEndpoint;

    /// <summary>How many connections it accepted.</summary>
    public int Connections => Volatile.Read(ref connections);

    /// <summary>The name the shared log records for each connection it accepts: its listening endpoint.</summary>
    public string Name => Listening.ToString();

    /// <summary>
    /// Starts one forwarder per route, all listening on the same free port (each on its own loopback address). Every
    /// accepted connection appends the forwarder's <see cref="Name"/> to <paramref name="log"/>, so a test sees the order
    /// in which the addresses were contacted.
    /// </summary>
    public static IReadOnlyList<TcpForwarder> StartOnCommonPort(IReadOnlyList<(IPAddress Listen, IPEndPoint To)> routes, ConcurrentQueue<string> log)
    {
        ArgumentNullException.ThrowIfNull(routes);
        foreach (var (listen, target) in routes)
        {
            if (!IPAddress.IsLoopback(listen) || !IPAddress.IsLoopback(target.Address))
            {
                throw new ArgumentException($"only loopback to loopback: {listen} -> {target}", nameof(routes));
            }
        }

        // The port is taken free on the first address; another address may have it in use: then try another port.
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var started = new List<TcpForwarder>();
            var port = 0;
            try
            {
                foreach (var (listen, target) in routes)
                {
                    var forwarder = new TcpForwarder(new IPEndPoint(listen, port), target, log);
                    forwarder.listener.Start();
                    started.Add(forwarder);
                    port = forwarder.Listening.Port;
                }

                foreach (var forwarder in started)
                {
                    forwarder.acceptLoop = forwarder.AcceptLoopAsync(forwarder.stopping.Token);
                }

                return started;
            }
            catch (SocketException)
            {
                foreach (var forwarder in started)
                {
                    forwarder.listener.Stop();
                    forwarder.listener.Dispose();
                }
            }
        }

        throw new InvalidOperationException($"no port free on all of {string.Join(", ", routes.Select(r => r.Listen))} after 20 tries");
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        listener.Stop();
        listener.Dispose();
        foreach (var socket in open.Keys)
        {
            socket.Dispose();
        }

        await Task.WhenAll([acceptLoop, .. sessions]).WaitAsync(StopBound).ConfigureAwait(false);
        stopping.Dispose();
    }

    private async Task AcceptLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            Interlocked.Increment(ref connections);
            log.Enqueue(Name);
            sessions.Enqueue(PipeAsync(client, cancellationToken));
        }
    }

    private async Task PipeAsync(Socket client, CancellationToken cancellationToken)
    {
        open[client] = 0;
        var server = new Socket(to.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        open[server] = 0;
        try
        {
            await server.ConnectAsync(to, cancellationToken).ConfigureAwait(false);
            await Task.WhenAll(CopyAsync(client, server, cancellationToken), CopyAsync(server, client, cancellationToken)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // The target refused, or a side reset: the client sees its connection end, as it would without the relay.
        }
        finally
        {
            open.TryRemove(client, out _);
            open.TryRemove(server, out _);
            client.Dispose();
            server.Dispose();
        }
    }

    /// <summary>Copies one direction until its source ends, then passes the end on (FIN), so a half-close is kept.</summary>
    private static async Task CopyAsync(Socket from, Socket into, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                await into.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            }

            into.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // A reset on one side: reset the other too, as a direct connection would have been.
            from.Dispose();
            into.Dispose();
        }
    }
}
