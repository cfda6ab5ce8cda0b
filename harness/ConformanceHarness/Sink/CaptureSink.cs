using System.Net;
using System.Net.Sockets;
using System.Text;
using ConformanceHarness.Delivery;

namespace ConformanceHarness.Sink;

/// <summary>
/// The capture sink: an SMTP listener run by the harness, the smarthost of every bundled target. It accepts
/// every message and keeps it, so "250 at RCPT" can be turned into "the message was really relayed" and
/// smuggled messages can be counted. Nothing it receives goes anywhere else.
/// </summary>
public sealed class CaptureSink : IDeliveryOracle, IAsyncDisposable
{
    private const int MaxMessageBytes = 32 * 1024 * 1024;
    private readonly TcpListener listener;
    private readonly CancellationTokenSource stop = new();
    private readonly List<DeliveredMessage> messages = [];
    private readonly Lock gate = new();
    private readonly Task acceptLoop;
    private TaskCompletionSource arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private CaptureSink(TcpListener listener)
    {
        this.listener = listener;
        acceptLoop = AcceptLoopAsync();
    }

    public IPEndPoint EndPoint => (IPEndPoint)listener.LocalEndpoint;

    /// <summary>Starts listening on <paramref name="address"/> (e.g. the container bridge's gateway) and a free or given port.</summary>
    public static CaptureSink Start(IPAddress address, int port = 0)
    {
        var listener = new TcpListener(address, port);
        listener.Start();
        return new CaptureSink(listener);
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

    private async Task AcceptLoopAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        using var session = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
        session.CancelAfter(TimeSpan.FromMinutes(5));
        try
        {
            var stream = client.GetStream();
            var reader = new SinkLineReader(stream);
            async Task Reply(string text) => await stream.WriteAsync(Encoding.ASCII.GetBytes(text + "\r\n"), session.Token).ConfigureAwait(false);
            await Reply("220 capture-sink.conformance-harness.invalid ESMTP capture sink").ConfigureAwait(false);
            string? from = null;
            var recipients = new List<string>();
            while (true)
            {
                var line = await reader.ReadLineAsync(session.Token).ConfigureAwait(false);
                if (line is null)
                {
                    return;
                }

                var text = Encoding.ASCII.GetString(line);
                var verb = text.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await Reply("250-capture-sink\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 SIZE 33554432").ConfigureAwait(false);
                        break;
                    case "HELO":
                        await Reply("250 capture-sink").ConfigureAwait(false);
                        break;
                    case "MAIL":
                        from = Address(text);
                        recipients.Clear();
                        await Reply("250 2.1.0 ok").ConfigureAwait(false);
                        break;
                    case "RCPT":
                        recipients.Add(Address(text));
                        await Reply("250 2.1.5 ok").ConfigureAwait(false);
                        break;
                    case "DATA":
                        await Reply("354 go ahead").ConfigureAwait(false);
                        var content = await ReadDataAsync(reader, session.Token).ConfigureAwait(false);
                        if (content is null)
                        {
                            return;
                        }

                        Store(new DeliveredMessage(from, [.. recipients], content, DateTimeOffset.UtcNow));
                        await Reply("250 2.0.0 captured").ConfigureAwait(false);
                        from = null;
                        recipients.Clear();
                        break;
                    case "RSET":
                        from = null;
                        recipients.Clear();
                        await Reply("250 2.0.0 ok").ConfigureAwait(false);
                        break;
                    case "QUIT":
                        await Reply("221 2.0.0 bye").ConfigureAwait(false);
                        return;
                    default:
                        await Reply("250 2.0.0 ok").ConfigureAwait(false);
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    /// <summary>Reads DATA up to CRLF.CRLF, undoing dot-stuffing (RFC 5321 §4.5.2).</summary>
    private static async Task<byte[]?> ReadDataAsync(SinkLineReader reader, CancellationToken cancellationToken)
    {
        var content = new MemoryStream();
        while (true)
        {
            var line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is null)
            {
                return null;
            }

            if (line is [(byte)'.'])
            {
                return content.ToArray();
            }

            var start = line.Length > 0 && line[0] == (byte)'.' ? 1 : 0;
            if (content.Length < MaxMessageBytes)
            {
                content.Write(line, start, line.Length - start);
                content.Write("\r\n"u8);
            }
        }
    }

    private static string Address(string command)
    {
        var open = command.IndexOf('<', StringComparison.Ordinal);
        var close = command.IndexOf('>', StringComparison.Ordinal);
        return open >= 0 && close > open ? command[(open + 1)..close] : command.Split(':', 2).ElementAtOrDefault(1)?.Trim() ?? string.Empty;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        listener.Stop();
        try
        {
            await acceptLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        stop.Dispose();
    }
}
