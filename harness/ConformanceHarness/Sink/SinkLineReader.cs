namespace ConformanceHarness.Sink;

/// <summary>CRLF-line reader for the sink (bounded: lines over 64 KiB are cut, a CR alone is data).</summary>
internal sealed class SinkLineReader(Stream stream)
{
    private readonly byte[] buffer = new byte[64 * 1024];
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
