using ConformanceHarness.Tests.Fakes;
using ConformanceHarness.Wire;

namespace ConformanceHarness.Tests.Support;

/// <summary>Opens harness connections to loopback fakes.</summary>
public static class Wires
{
    public static Task<WireConnection> ConnectAsync(LoopbackServer server, WireOptions? options = null, Transcript? transcript = null) =>
        WireConnection.ConnectAsync("127.0.0.1", server.Port, false, options ?? WireOptions.Default, transcript ?? new Transcript(), "main", CancellationToken.None);

    /// <summary>A token that cancels after <paramref name="seconds"/>: a test that hangs fails instead.</summary>
    public static CancellationToken Within(double seconds = 5) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;
}
