using System.Text;

namespace ConformanceHarness.Tests.Fakes;

/// <summary>
/// Replays recorded server bytes to each connection, then either closes or keeps listening until the client
/// goes. For reader tests: the exact bytes are the test's data.
/// </summary>
public sealed class ReplayServer : LoopbackServer
{
    private readonly IReadOnlyList<byte[]> chunks;
    private readonly TimeSpan gap;

    public ReplayServer(byte[] bytes, bool closeAfter = false)
        : this([bytes], TimeSpan.Zero, closeAfter)
    {
    }

    private ReplayServer(IReadOnlyList<byte[]> chunks, TimeSpan gap, bool closeAfter)
    {
        this.chunks = chunks;
        this.gap = gap;
        CloseAfter = closeAfter;
        Start();
    }

    /// <summary>Replays text (UTF-8) as is: write "\r\n" explicitly, bare "\n" stays bare.</summary>
    public ReplayServer(string text, bool closeAfter = false)
        : this(Encoding.UTF8.GetBytes(text), closeAfter)
    {
    }

    public bool CloseAfter { get; }

    /// <summary>Sends each chunk in its own write, <paramref name="gap"/> apart, so the client reads them separately.</summary>
    public static ReplayServer Chunked(TimeSpan gap, params string[] chunks) =>
        new([.. chunks.Select(Encoding.UTF8.GetBytes)], gap, closeAfter: false);

    /// <summary>As <see cref="Chunked"/>, then closes: a server that answers one command at a time and hangs up.</summary>
    public static ReplayServer ChunkedThenClose(TimeSpan gap, params string[] chunks) =>
        new([.. chunks.Select(Encoding.UTF8.GetBytes)], gap, closeAfter: true);

    protected override async Task ServeAsync(FakeConnection connection, CancellationToken cancellationToken)
    {
        for (var i = 0; i < chunks.Count; i++)
        {
            if (i > 0)
            {
                await Task.Delay(gap, cancellationToken);
            }

            await connection.WriteAsync(chunks[i], cancellationToken);
        }

        if (!CloseAfter)
        {
            await connection.DrainAsync(cancellationToken);
        }
    }
}
