using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;

namespace ConformanceHarness.Tests.Fakes;

/// <summary>
/// A TCP server on 127.0.0.1 (a free port) that serves each connection with <see cref="ServeAsync"/>.
/// Disposing stops accepting, closes every open connection and waits for every session to end, so a test
/// leaves no task or socket behind; a session that will not stop, or a fake that threw, fails the teardown.
/// </summary>
public abstract class LoopbackServer : IAsyncDisposable
{
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(5);

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<FakeConnection, byte> open = new();
    private readonly ConcurrentQueue<FakeConnection> all = new();
    private readonly ConcurrentQueue<Task> sessions = new();
    private readonly ConcurrentQueue<Exception> errors = new();
    private Task acceptLoop = Task.CompletedTask;
    private bool disposed;
    private int turnedAway;
    private int mostOpen;
    private int mostOpenFromOne;

    public int Port { get; private set; }

    /// <summary>Every connection accepted so far, in order.</summary>
    public IReadOnlyList<FakeConnection> Connections => [.. all];

    /// <summary>Connections whose session has not ended yet.</summary>
    public int OpenConnections => open.Count;

    /// <summary>Connections closed before any byte because <see cref="SessionLimit"/> sessions were already open.</summary>
    public int TurnedAway => Volatile.Read(ref turnedAway);

    /// <summary>The most sessions that were open at once.</summary>
    public int MostOpen => Volatile.Read(ref mostOpen);

    /// <summary>
    /// A per-address connection limit, as Courier's MAXPERIP or popa3d's per-source limit (every client of a loopback fake
    /// has one address): a connection that arrives while this many sessions are open is closed before the greeting.
    /// Null: no limit.
    /// </summary>
    protected virtual int? SessionLimit => null;

    /// <summary>
    /// True: <see cref="SessionLimit"/> counts the open sessions of the arriving connection's client address only (a client
    /// that connects from several loopback addresses, 127.0.0.2 and so on, has that many shares).
    /// </summary>
    protected virtual bool LimitPerAddress => false;

    /// <summary>The client addresses connections came from, in order of first arrival.</summary>
    public IReadOnlyList<string> ClientAddresses => [.. all.Select(c => c.ClientAddress).Distinct()];

    /// <summary>The most sessions open at once from one client address.</summary>
    public int MostOpenFromOneAddress => Volatile.Read(ref mostOpenFromOne);

    /// <summary>Unexpected exceptions thrown by sessions (bugs in the fake, not client behaviour).</summary>
    public IReadOnlyList<Exception> Errors => [.. errors];

    /// <summary>Serves one connection; returning closes it (FIN).</summary>
    protected abstract Task ServeAsync(FakeConnection connection, CancellationToken cancellationToken);

    /// <summary>Called last by each derived constructor, so no session starts on a half-built server.</summary>
    protected void Start()
    {
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        acceptLoop = AcceptLoopAsync(stopping.Token);
    }

    private async Task AcceptLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException or InvalidOperationException)
            {
                // Teardown stopped the listener (InvalidOperationException: "not listening" after Stop).
                return;
            }

            if (cancellationToken.IsCancellationRequested)
            {
                socket.Dispose();
                return;
            }

            var client = (socket.RemoteEndPoint as IPEndPoint)?.Address.ToString() ?? "?";
            var sameAddress = open.Keys.Count(c => c.ClientAddress == client);
            if (SessionLimit is { } limit && (LimitPerAddress ? sameAddress : open.Count) >= limit)
            {
                Interlocked.Increment(ref turnedAway);
                socket.Dispose();
                continue;
            }

            var connection = new FakeConnection(socket);
            all.Enqueue(connection);
            open[connection] = 0;
            Raise(ref mostOpen, open.Count);
            Raise(ref mostOpenFromOne, sameAddress + 1);

            sessions.Enqueue(RunSessionAsync(connection, cancellationToken));
        }
    }

    private static void Raise(ref int most, int now)
    {
        int seen;
        while ((seen = Volatile.Read(ref most)) < now && Interlocked.CompareExchange(ref most, now, seen) != seen)
        {
        }
    }

    private async Task RunSessionAsync(FakeConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await ServeAsync(connection, cancellationToken).ConfigureAwait(false);
            // The session's slot is free before the client sees the close, as when a server process exits: a client that
            // waited for the close never meets its own ended session in the limit.
            open.TryRemove(connection, out _);
            connection.Close();
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException or AuthenticationException)
        {
            // The client went away, or teardown closed the socket: the normal ways a session ends.
        }
        catch (Exception e)
        {
            errors.Enqueue(e);
        }
        finally
        {
            open.TryRemove(connection, out _);
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        await stopping.CancelAsync().ConfigureAwait(false);
        listener.Stop();
        await acceptLoop.ConfigureAwait(false);
        foreach (var connection in open.Keys)
        {
            connection.Reset();
        }

        try
        {
            await Task.WhenAll(sessions).WaitAsync(StopBound).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"{GetType().Name}: {open.Count} session(s) did not stop within {StopBound.TotalSeconds:0}s of teardown");
        }
        finally
        {
            stopping.Dispose();
            GC.SuppressFinalize(this);
        }

        if (!errors.IsEmpty)
        {
            throw new AggregateException($"{GetType().Name}: a session threw", errors);
        }
    }
}
