using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;

namespace ConformanceHarness.Wire;

/// <summary>
/// One TCP (optionally TLS) connection to a target, with bounded buffered line reads and a
/// byte-exact transcript. Every read and write takes a token; callers put a timeout on each step.
/// </summary>
public sealed class WireConnection : IAsyncDisposable
{
    private readonly Socket socket;
    private readonly Transcript transcript;
    private readonly WireOptions options;
    private readonly byte[] buffer;
    private Stream stream;
    private int start;
    private int end;
    private bool eof;

    private WireConnection(Socket socket, Stream stream, Transcript transcript, WireOptions options, string name)
    {
        this.socket = socket;
        this.stream = stream;
        this.transcript = transcript;
        this.options = options;
        Name = name;
        buffer = new byte[Math.Max(16 * 1024, options.MaxLineBytes + 2)];
    }

    public string Name { get; }

    public bool IsTls => stream is SslStream;

    /// <summary>The harness's own address on this connection (what the server sees, unless NAT is between).</summary>
    public string? LocalAddress => (socket.LocalEndPoint as IPEndPoint)?.Address.ToString();

    /// <summary>The server's address on this connection (the content of an IP literal naming it).</summary>
    public string? RemoteAddress => (socket.RemoteEndPoint as IPEndPoint)?.Address.ToString();

    /// <summary>True once the server closed (FIN) or the connection broke.</summary>
    public bool IsClosed => eof;

    /// <summary>Bytes the server has sent on this connection so far (none: it was turned away before its greeting, if it closed).</summary>
    public long BytesReceived { get; private set; }

    /// <summary>Connects to host:port (IPv4 or IPv6), optionally with implicit TLS.</summary>
    public static Task<WireConnection> ConnectAsync(
        string host, int port, bool implicitTls, WireOptions options, Transcript transcript, string name, CancellationToken cancellationToken) =>
        ConnectAsync(host, port, implicitTls, null, options, transcript, name, cancellationToken);

    /// <summary>
    /// Connects to host:port from <paramref name="localAddress"/> when one is given (an address literal of this machine:
    /// the client address the server sees, one of several the harness spreads a target's connections over).
    /// </summary>
    public static async Task<WireConnection> ConnectAsync(
        string host, int port, bool implicitTls, string? localAddress, WireOptions options, Transcript transcript, string name, CancellationToken cancellationToken)
    {
        using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        connectTimeout.CancelAfter(options.ConnectTimeout);
        Socket socket;
        if (IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                if (localAddress is not null)
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
                }

                await socket.ConnectAsync(address, port, connectTimeout.Token).ConfigureAwait(false);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        else
        {
            socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(host, port, connectTimeout.Token).ConfigureAwait(false);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        transcript.Note($"connected to {FormatEndPoint(socket.RemoteEndPoint)} from {FormatEndPoint(socket.LocalEndPoint)}", name);
        var connection = new WireConnection(socket, new NetworkStream(socket, ownsSocket: false), transcript, options, name);
        if (implicitTls)
        {
            using var tlsTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            tlsTimeout.CancelAfter(options.StepTimeout);
            try
            {
                await connection.UpgradeToTlsAsync(host, tlsTimeout.Token).ConfigureAwait(false);
            }
            catch
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        return connection;
    }

    private static string FormatEndPoint(EndPoint? endPoint) => endPoint?.ToString() ?? "?";

    /// <summary>Sends bytes exactly as given (one write: pipelined commands go out together).</summary>
    public async Task SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        transcript.Client(bytes.Span, Name);
        await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends bulk message text (a FILL step) without copying it into the transcript: a note there says how much was sent.
    /// </summary>
    public async Task SendUnrecordedAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads one line, up to and including LF. Never reads more than <see cref="WireOptions.MaxLineBytes"/>
    /// for one line. Cancellation (the step timeout) surfaces as <see cref="OperationCanceledException"/>.
    /// </summary>
    public async Task<LineRead> ReadLineAsync(CancellationToken cancellationToken)
    {
        // Bytes after 'start' already searched for LF. Relative, because FillAsync may move the data to offset 0.
        var scanned = 0;
        while (true)
        {
            var lf = Array.IndexOf(buffer, (byte)'\n', start + scanned, end - start - scanned);
            if (lf >= 0)
            {
                var lineEnd = lf;
                var terminator = "\n";
                if (lineEnd > start && buffer[lineEnd - 1] == (byte)'\r')
                {
                    lineEnd--;
                    terminator = "\r\n";
                }

                var line = buffer[start..lineEnd];
                start = lf + 1;

                // The bound holds however the line was segmented: a long line that arrived in one read is as long.
                return line.Length > options.MaxLineBytes
                    ? new LineRead(LineStatus.TooLong, line, string.Empty, $"line longer than {options.MaxLineBytes} bytes")
                    : new LineRead(LineStatus.Line, line, terminator);
            }

            if (end - start > options.MaxLineBytes)
            {
                var partial = buffer[start..end];
                start = end;
                return new LineRead(LineStatus.TooLong, partial, string.Empty, $"line longer than {options.MaxLineBytes} bytes");
            }

            scanned = end - start;
            var status = await FillAsync(cancellationToken).ConfigureAwait(false);
            if (status is not null)
            {
                var partial = buffer[start..end];
                start = end;
                return new LineRead(status.Value.Status, partial, string.Empty, status.Value.Detail);
            }
        }
    }

    /// <summary>
    /// Reads whatever the server sends until it closes; returns true if it closed (or reset),
    /// and lets the timeout cancel otherwise. Bytes received meanwhile go to the transcript.
    /// </summary>
    public async Task<(bool Closed, byte[] Received)> WaitForCloseAsync(CancellationToken cancellationToken)
    {
        var received = new List<byte>();
        received.AddRange(buffer.AsSpan(start, end - start).ToArray());
        start = end;
        while (true)
        {
            var status = await FillAsync(cancellationToken).ConfigureAwait(false);
            received.AddRange(buffer.AsSpan(start, end - start).ToArray());
            start = end;
            if (status is not null)
            {
                return (true, received.ToArray());
            }

            if (received.Count > options.MaxBodyBytes)
            {
                return (false, received.ToArray());
            }
        }
    }

    /// <summary>
    /// Collects anything the server sends within <paramref name="window"/> (used to prove silence, e.g. no reply
    /// inside TLS to commands injected before STARTTLS). Returns the bytes (empty when silent) and whether it closed.
    /// </summary>
    public async Task<(byte[] Received, bool Closed)> CollectAsync(TimeSpan window, CancellationToken cancellationToken)
    {
        var received = new List<byte>(buffer.AsSpan(start, end - start).ToArray());
        start = end;
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(window);
        try
        {
            while (received.Count <= options.MaxLineBytes)
            {
                var status = await FillAsync(timer.Token).ConfigureAwait(false);
                received.AddRange(buffer.AsSpan(start, end - start).ToArray());
                start = end;
                if (status is not null)
                {
                    return (received.ToArray(), true);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The window elapsed: that is the expected way out.
        }

        return (received.ToArray(), false);
    }

    /// <summary>
    /// What the server has sent that no read has taken yet, without waiting: the bytes already buffered, and on a
    /// plaintext connection what the socket already holds. (Inside TLS only the buffered bytes count: a close_notify
    /// alert would look like data on the socket.) The bytes are consumed and noted in the transcript.
    /// </summary>
    public async Task<byte[]> TakeUnreadAsync(CancellationToken cancellationToken)
    {
        if (end == start && !eof && !IsTls && Available() > 0)
        {
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bound.CancelAfter(TimeSpan.FromMilliseconds(200));
            try
            {
                await FillAsync(bound.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Nothing came after all: the socket held only a close.
            }
        }

        var unread = buffer[start..end];
        start = end;
        return unread;
    }

    private int Available()
    {
        try
        {
            return socket.Available;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return 0;
        }
    }

    /// <summary>
    /// Upgrades to TLS in place (STARTTLS / STLS after the server's go-ahead, or implicit TLS).
    /// Bytes the server sent in plaintext after its go-ahead are noted and dropped: they cannot be part of TLS.
    /// </summary>
    public async Task UpgradeToTlsAsync(string targetHost, CancellationToken cancellationToken)
    {
        if (end > start)
        {
            transcript.Note($"{end - start} plaintext byte(s) received after the TLS go-ahead were discarded", Name);
            start = end;
        }

        var ssl = new SslStream(stream, leaveInnerStreamOpen: true);
        var authOptions = new SslClientAuthenticationOptions
        {
            TargetHost = IPAddress.TryParse(targetHost.Trim('[', ']'), out _) ? string.Empty : targetHost,
            EnabledSslProtocols = SslProtocols.None,
        };
        if (!options.ValidateCertificates)
        {
            authOptions.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
        }

        try
        {
            await ssl.AuthenticateAsClientAsync(authOptions, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        stream = ssl;
        transcript.Note($"TLS established: {ssl.SslProtocol}, {ssl.NegotiatedCipherSuite}, certificate subject '{ssl.RemoteCertificate?.Subject}'", Name);
    }

    /// <summary>Drops the connection with a TCP reset, as a client that vanishes would.</summary>
    public void Abort()
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        eof = true;
        transcript.Note("connection dropped by the harness (reset, no QUIT)", Name);
    }

    private async Task<(LineStatus Status, string? Detail)?> FillAsync(CancellationToken cancellationToken)
    {
        if (eof)
        {
            return (LineStatus.Closed, "connection already closed");
        }

        if (start > 0 && start == end)
        {
            start = end = 0;
        }
        else if (end == buffer.Length)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }

        int read;
        try
        {
            read = await stream.ReadAsync(buffer.AsMemory(end, buffer.Length - end), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or AuthenticationException)
        {
            eof = true;
            var detail = e.InnerException?.Message ?? e.Message;
            transcript.Note($"connection broke: {detail}", Name);
            return (LineStatus.Reset, detail);
        }

        if (read == 0)
        {
            eof = true;
            transcript.Note("server closed the connection", Name);
            return (LineStatus.Closed, "server closed the connection");
        }

        transcript.Server(buffer.AsSpan(end, read), Name);
        end += read;
        BytesReceived += read;
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
        }

        socket.Dispose();
    }
}
