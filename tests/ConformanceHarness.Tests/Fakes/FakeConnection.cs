using System.Collections.Concurrent;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ConformanceHarness.Tests.Fakes;

/// <summary>
/// The server side of one accepted connection: buffered line reads, writes, a TLS upgrade, and both ways of
/// ending (FIN or RST). Every chunk read from the socket is kept so tests can see how the client wrote.
/// </summary>
public sealed class FakeConnection : IAsyncDisposable
{
    /// <summary>Longer lines are cut here (RFC 5321 §4.5.3.1.4 allows 512 for a command line).</summary>
    public const int MaxLineBytes = 4096;

    private readonly Socket socket;
    private readonly byte[] buffer = new byte[MaxLineBytes * 2];
    private readonly ConcurrentQueue<byte[]> chunks = new();
    private Stream stream;
    private int start;
    private int end;

    public FakeConnection(Socket socket)
    {
        ClientAddress = (socket.RemoteEndPoint as System.Net.IPEndPoint)?.Address.ToString() ?? "?";
        this.socket = socket;
        stream = new NetworkStream(socket, ownsSocket: false);
    }

    public bool IsTls => stream is SslStream;

    /// <summary>The client's address as this server saw it (what a per-address limit counts).</summary>
    public string ClientAddress { get; }

    /// <summary>Every read from the socket, in order (after TLS: the decrypted reads).</summary>
    public IReadOnlyList<byte[]> Chunks => [.. chunks];

    /// <summary>Everything the client sent, decoded.</summary>
    public string ReceivedText => Encoding.UTF8.GetString(chunks.SelectMany(c => c).ToArray());

    /// <summary>True when the last line returned by <see cref="ReadLineAsync"/> was cut at <see cref="MaxLineBytes"/>.</summary>
    public bool LastLineTooLong { get; private set; }

    /// <summary>Reads one line without its terminator (CRLF or bare LF); null when the client closed.</summary>
    public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        var scanFrom = start;
        while (true)
        {
            var lf = Array.IndexOf(buffer, (byte)'\n', scanFrom, end - scanFrom);
            if (lf >= 0)
            {
                var lineEnd = lf > start && buffer[lf - 1] == (byte)'\r' ? lf - 1 : lf;
                var line = Encoding.UTF8.GetString(buffer, start, lineEnd - start);
                start = lf + 1;
                LastLineTooLong = false;
                return line;
            }

            if (end - start >= MaxLineBytes)
            {
                var cut = Encoding.UTF8.GetString(buffer, start, end - start);
                start = end;
                LastLineTooLong = true;
                return cut;
            }

            if (start > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }

            scanFrom = end;
            var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            chunks.Enqueue(buffer[end..(end + read)]);
            end += read;
        }
    }

    /// <summary>
    /// Reads DATA content up to the earliest of <paramref name="terminators"/> (the caller's idea of end-of-data, e.g.
    /// CRLF.CRLF) and returns the bytes before it; what follows stays buffered for the next command. Content that starts
    /// with ".\r\n" is empty. With <paramref name="stripNul"/>, NUL bytes are dropped before the search. Null when the
    /// client closed first.
    /// </summary>
    public async Task<byte[]?> ReadDataAsync(IReadOnlyList<byte[]> terminators, bool stripNul, CancellationToken cancellationToken)
    {
        var content = new List<byte>();
        var searched = 0;
        while (true)
        {
            content.AddRange(buffer[start..end].Where(b => !stripNul || b != 0));
            start = end = 0;
            if (content.Count >= 3 && content[0] == '.' && content[1] == '\r' && content[2] == '\n')
            {
                Keep(content, 3);
                return [];
            }

            var best = (At: -1, Length: 0);
            foreach (var terminator in terminators)
            {
                var at = IndexOf(content, terminator, Math.Max(0, searched - 8));
                if (at >= 0 && (best.At < 0 || at < best.At))
                {
                    best = (at, terminator.Length);
                }
            }

            if (best.At >= 0)
            {
                var data = content.GetRange(0, best.At).ToArray();
                Keep(content, best.At + best.Length);
                return data;
            }

            searched = content.Count;
            var read = await stream.ReadAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            chunks.Enqueue(buffer[..read]);
            end = read;
        }
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes (a BDAT chunk, RFC 3030); null when the client closed first.</summary>
    public async Task<byte[]?> ReadExactAsync(int count, CancellationToken cancellationToken)
    {
        var data = new List<byte>(count);
        while (data.Count < count)
        {
            if (start == end)
            {
                start = 0;
                end = await stream.ReadAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
                if (end == 0)
                {
                    return null;
                }

                chunks.Enqueue(buffer[..end]);
            }

            var take = Math.Min(count - data.Count, end - start);
            data.AddRange(buffer[start..(start + take)]);
            start += take;
        }

        return [.. data];
    }

    /// <summary>Forgets input already received but not yet read (a server that flushes its input before replying).</summary>
    public void DiscardBuffered() => start = end = 0;

    private void Keep(List<byte> content, int from)
    {
        var rest = content.Count - from;
        content.CopyTo(from, buffer, 0, rest);
        start = 0;
        end = rest;
    }

    private static int IndexOf(List<byte> haystack, byte[] needle, int from)
    {
        for (var i = from; i + needle.Length <= haystack.Count; i++)
        {
            var j = 0;
            while (j < needle.Length && haystack[i + j] == needle[j])
            {
                j++;
            }

            if (j == needle.Length)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Reads and discards until the client closes (a server that has nothing more to say).</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        while (await ReadLineAsync(cancellationToken).ConfigureAwait(false) is not null)
        {
        }
    }

    public Task WriteAsync(string text, CancellationToken cancellationToken) =>
        WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);

    public async Task WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The server side of STARTTLS / STLS. Plaintext the client pipelined behind the command is discarded, as RFC 3207 §4.2
    /// asks, unless <paramref name="keepPlaintext"/> (a fake broken on purpose: it then reads that plaintext as if sent in TLS).
    /// </summary>
    public async Task UpgradeToTlsAsync(X509Certificate2 certificate, CancellationToken cancellationToken, bool keepPlaintext = false)
    {
        if (!keepPlaintext)
        {
            start = end = 0;
        }

        var ssl = new SslStream(stream, leaveInnerStreamOpen: true);
        await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate }, cancellationToken).ConfigureAwait(false);
        stream = ssl;
    }

    /// <summary>Ends with a TCP reset instead of a FIN (SO_LINGER with a zero timeout).</summary>
    public void Reset()
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }

    /// <summary>Ends with a FIN: what a server does after QUIT.</summary>
    public void Close()
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }

        socket.Close();
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
