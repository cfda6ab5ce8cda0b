namespace ConformanceHarness.Loopback;

/// <summary>
/// CRLF-line reader for the loopback server. Bounded, so a hostile client cannot make it buffer without end: a line
/// over 64 KiB is cut into 64 KiB pieces (RFC 5321 §4.5.3.1.6 allows 1000 octets; more is the client's problem,
/// not memory's). A CR alone is data; a bare LF ends a line, as the sink always accepted it.
/// </summary>
internal sealed class SmtpLineReader(Stream stream)
{
    public const int MaxLine = 64 * 1024;

    private readonly byte[] buffer = new byte[MaxLine];
    private int start;
    private int end;

    /// <summary>The next line without its CRLF (or LF), or null at end of stream.</summary>
    public async Task<byte[]?> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var lf = Array.IndexOf(buffer, (byte)'\n', start, end - start);
            if (lf >= 0 || end - start == buffer.Length)
            {
                var stop = lf >= 0 ? lf : end;
                var lineEnd = stop > start && buffer[stop - 1] == (byte)'\r' ? stop - 1 : stop;
                var line = buffer[start..lineEnd];
                start = lf >= 0 ? lf + 1 : end;
                return line;
            }

            if (start > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }

            var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            end += read;
        }
    }
}
