using System.Diagnostics;
using System.Net.Security;
using System.Net.Sockets;

namespace ConformanceHarness.Bench;

/// <summary>
/// The floor: the same byte exchanges as a graded pass, replayed by the plainest client there is — a
/// <see cref="Socket"/> (an <see cref="SslStream"/> where the harness did TLS), no parsing, no grading, no
/// transcript — with the same concurrency per target and the same maildrop serialisation as the harness.
/// </summary>
internal static class FloorClient
{
    private static readonly TimeSpan ReadBound = TimeSpan.FromSeconds(10);

    /// <summary>A pass: its wall time, how many replays got less than the harness did, and each script's own time (inside its maildrop turn, as the harness's duration is).</summary>
    public sealed record Outcome(TimeSpan Wall, int Stalled, IReadOnlyList<(ReplayScript Script, TimeSpan Started, TimeSpan Duration)> Replays);

    public static async Task<Outcome> ReplayAsync(IReadOnlyList<ReplayScript> scripts, int concurrency, CancellationToken cancellationToken)
    {
        var stalled = 0;
        var replays = new System.Collections.Concurrent.ConcurrentBag<(ReplayScript, TimeSpan, TimeSpan)>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(scripts.GroupBy(s => s.Target).Select(async group =>
        {
            await Task.Yield();
            using var maildrop = new SemaphoreSlim(1, 1);
            var options = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(group, options, async (script, token) =>
            {
                if (script.Exclusive)
                {
                    await maildrop.WaitAsync(token).ConfigureAwait(false);
                }

                try
                {
                    var started = clock.Elapsed;
                    var own = Stopwatch.StartNew();
                    if (!await ReplayOneAsync(script, token).ConfigureAwait(false))
                    {
                        Interlocked.Increment(ref stalled);
                    }

                    replays.Add((script, started, own.Elapsed));
                }
                finally
                {
                    if (script.Exclusive)
                    {
                        maildrop.Release();
                    }
                }
            }).ConfigureAwait(false);
        })).ConfigureAwait(false);
        return new Outcome(clock.Elapsed, stalled, [.. replays]);
    }

    /// <summary>Replays one script; false when the server did not send what it sent to the harness (a stall or an error).</summary>
    private static async Task<bool> ReplayOneAsync(ReplayScript script, CancellationToken cancellationToken)
    {
        var connections = new Dictionary<string, (Socket Socket, Stream Stream)>(StringComparer.Ordinal);
        var buffer = new byte[16 * 1024];
        var complete = true;
        try
        {
            foreach (var action in script.Actions)
            {
                switch (action)
                {
                    case ReplayAction.Connect connect:
                        var socket = new Socket(connect.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                        await socket.ConnectAsync(connect.EndPoint, cancellationToken).ConfigureAwait(false);
                        connections[connect.Connection] = (socket, new NetworkStream(socket, ownsSocket: false));
                        break;
                    case ReplayAction.Send send when connections.TryGetValue(send.Connection, out var c):
                        await c.Stream.WriteAsync(send.Bytes, cancellationToken).ConfigureAwait(false);
                        break;
                    case ReplayAction.Receive receive when connections.TryGetValue(receive.Connection, out var c):
                        complete &= await ReceiveAsync(c.Stream, buffer, receive, cancellationToken).ConfigureAwait(false);
                        break;
                    case ReplayAction.Tls tls when connections.TryGetValue(tls.Connection, out var c):
                        var ssl = new SslStream(c.Stream, leaveInnerStreamOpen: false);
                        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = static (_, _, _, _) => true }, cancellationToken).ConfigureAwait(false);
                        connections[tls.Connection] = (c.Socket, ssl);
                        break;
                    case ReplayAction.AwaitClose close when connections.TryGetValue(close.Connection, out var c):
                        complete &= await DrainAsync(c.Stream, buffer, cancellationToken).ConfigureAwait(false);
                        break;
                    case ReplayAction.Drop drop when connections.Remove(drop.Connection, out var c):
                        c.Socket.LingerState = new LingerOption(true, 0);
                        c.Socket.Close();
                        break;
                }
            }

            if (script.DialogueWaits > TimeSpan.Zero)
            {
                await Task.Delay(script.DialogueWaits, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or System.Security.Authentication.AuthenticationException or ObjectDisposedException)
        {
            complete = false;
        }
        finally
        {
            foreach (var (socket, stream) in connections.Values)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
                socket.Dispose();
            }
        }

        return complete;
    }

    private static async Task<bool> ReceiveAsync(Stream stream, byte[] buffer, ReplayAction.Receive receive, CancellationToken cancellationToken)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(ReadBound);
        var bytes = 0;
        var lineFeeds = 0;
        try
        {
            // Line feeds, not bytes, when the answer ended a line: a queue id or a date may be a byte longer this time.
            while (receive.LineFeeds > 0 ? lineFeeds < receive.LineFeeds : bytes < receive.Bytes)
            {
                var read = await stream.ReadAsync(buffer, bound.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    return false;
                }

                bytes += read;
                lineFeeds += buffer.AsSpan(0, read).Count((byte)'\n');
            }

            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static async Task<bool> DrainAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(ReadBound);
        try
        {
            while (await stream.ReadAsync(buffer, bound.Token).ConfigureAwait(false) > 0)
            {
            }

            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }
}
