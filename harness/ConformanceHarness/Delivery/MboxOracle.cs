using MimeKit;

namespace ConformanceHarness.Delivery;

/// <summary>
/// Reads the test user's mbox file straight from the target's container (the engine's archive API, through
/// Testcontainers), for servers that deliver locally but serve no POP3: each message as MimeKit splits the mbox,
/// with CRLF line ends restored (the store keeps LF) and the envelope sender from its "From " line.
/// It only reads; nothing in the container changes.
/// </summary>
public sealed class MboxOracle(Func<CancellationToken, Task<byte[]?>> readFile) : IDeliveryOracle
{
    private OraclePolling? polling;

    public Task<IReadOnlyList<DeliveredMessage>> WaitAsync(string token, int atLeast, TimeSpan within, CancellationToken cancellationToken) =>
        LazyInitializer.EnsureInitialized(ref polling, () => new OraclePolling(ReadAllAsync, e => e is IOException or FormatException)).WaitAsync(token, atLeast, within, cancellationToken);

    /// <summary>Every message in the mbox (none when the file does not exist yet).</summary>
    public async Task<IReadOnlyList<DeliveredMessage>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var bytes = await readFile(cancellationToken).ConfigureAwait(false);
        return bytes is null ? [] : Split(bytes, cancellationToken);
    }

    /// <summary>Splits mbox bytes into messages (MimeKit's mbox parser: "From " separators, a blank line before each).</summary>
    public static IReadOnlyList<DeliveredMessage> Split(byte[] mbox, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mbox);
        var result = new List<DeliveredMessage>();
        using var stream = new MemoryStream(mbox, writable: false);
        var parser = new MimeParser(stream, MimeFormat.Mbox);
        var crlf = new FormatOptions { NewLineFormat = NewLineFormat.Dos };
        while (!parser.IsEndOfStream)
        {
            var message = parser.ParseMessage(cancellationToken);
            using var copy = new MemoryStream();
            message.WriteTo(crlf, copy, cancellationToken);
            var marker = parser.MboxMarker ?? string.Empty;
            var parts = marker.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
            var sender = parts.Length > 1 ? parts[1] : null;
            result.Add(new DeliveredMessage(sender, [], copy.ToArray(), DateTimeOffset.UtcNow));
        }

        return result;
    }
}
