using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace ConformanceHarness.Tests.Containers;

/// <summary>
/// tcp://127.0.0.1:PORT forwarded to the local engine's unix socket (what <c>socat TCP-LISTEN:… UNIX-CONNECT:…</c>
/// does), recording the request lines that pass: a test can point the harness at a tcp:// engine and see which engine
/// calls took that way.
/// </summary>
public sealed partial class EngineSocketForward : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly string socketPath;
    private readonly CancellationTokenSource stop = new();
    private readonly StringBuilder sent = new();
    private readonly Task accepting;

    public EngineSocketForward(string socketPath)
    {
        this.socketPath = socketPath;
        listener.Start();
        accepting = Task.Run(AcceptAsync);
    }

    public Uri Url => new($"tcp://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");

    /// <summary>The HTTP request lines ("GET /v1.41/images/…/json HTTP/1.1") the harness sent through the forward.</summary>
    public IReadOnlyList<string> RequestLines
    {
        get
        {
            lock (sent)
            {
                // A request body has no line end of its own, so the next request line may follow it directly.
                return RequestLine().Matches(sent.ToString()).Select(m => m.Value).ToList();
            }
        }
    }

    [GeneratedRegex(@"(GET|HEAD|POST|PUT|DELETE) /\S* HTTP/1\.1")]
    private static partial Regex RequestLine();

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _ = Task.Run(() => PipeAsync(client));
        }
    }

    private async Task PipeAsync(TcpClient client)
    {
        using (client)
        using (var engine = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            try
            {
                await engine.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), stop.Token);
                await using var engineStream = new NetworkStream(engine, ownsSocket: false);
                var clientStream = client.GetStream();
                var up = CopyAsync(clientStream, engineStream, record: true);
                var down = CopyAsync(engineStream, clientStream, record: false);
                await Task.WhenAny(up, down);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }
    }

    private async Task CopyAsync(Stream from, Stream to, bool record)
    {
        var buffer = new byte[16384];
        int read;
        while ((read = await from.ReadAsync(buffer, stop.Token)) > 0)
        {
            if (record)
            {
                lock (sent)
                {
                    sent.Append(Encoding.Latin1.GetString(buffer, 0, read));
                }
            }

            await to.WriteAsync(buffer.AsMemory(0, read), stop.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await accepting;
        stop.Dispose();
    }
}
