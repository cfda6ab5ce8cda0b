using System.Net;
using ConformanceHarness.Loopback;

namespace ConformanceHarness.Tests.Cli;

/// <summary>
/// The library's <see cref="LoopbackSmtpServer"/>, set up for CLI tests: <see cref="Correct"/> keeps RFC 5321's
/// command order (503 for RCPT before MAIL), the broken one accepts anything with 250.
/// </summary>
public sealed class TinySmtpServer : IAsyncDisposable
{
    private static readonly LoopbackSmtpPolicy Broken = new()
    {
        Greeting = "220 tiny.example.test ESMTP",
        Ehlo = "250-tiny.example.test\r\n250 8BITMIME",
        Helo = "250 tiny.example.test",
    };

    private readonly LoopbackSmtpServer server;

    private TinySmtpServer(bool correct, bool silent)
    {
        Correct = correct;
        Silent = silent;
        server = LoopbackSmtpServer.Start(IPAddress.Loopback, 0, Broken with { EnforceCommandOrder = correct, Silent = silent });
    }

    public bool Correct { get; }

    /// <summary>Accepts and never says a word (for cancellation tests).</summary>
    public bool Silent { get; }

    public int Port => server.EndPoint.Port;

    public string Spec => $"live:127.0.0.1:{Port}";

    public static TinySmtpServer StartCorrect() => new(correct: true, silent: false);

    public static TinySmtpServer StartBroken() => new(correct: false, silent: false);

    public static TinySmtpServer StartSilent() => new(correct: true, silent: true);

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
