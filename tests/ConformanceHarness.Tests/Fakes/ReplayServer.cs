using System.Text;

namespace ConformanceHarness.Tests.Fakes;

/// <summary>
/// Replays recorded server bytes to each connection, then either closes or keeps listening until the client
/// goes. For reader tests: the exact bytes are the test's data.
/// </summary>
public sealed class ReplayServer : LoopbackServer
{
    private readonly byte[] bytes;

    public ReplayServer(byte[] bytes, bool closeAfter = false)
    {
        this.bytes = bytes;
        CloseAfter = closeAfter;
        Start();
    }

    /// <summary>Replays text (UTF-8) as is: write "\r\n" explicitly, bare "\n" stays bare.</summary>
    public ReplayServer(string text, bool closeAfter = false)
        : this(Encoding.UTF8.GetBytes(text), closeAfter)
    {
    }

    public bool CloseAfter { get; }

    protected override async Task ServeAsync(FakeConnection connection, CancellationToken cancellationToken)
    {
        await connection.WriteAsync(bytes, cancellationToken);
        if (!CloseAfter)
        {
            await connection.DrainAsync(cancellationToken);
        }
    }
}
