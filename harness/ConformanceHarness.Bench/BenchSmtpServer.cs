using System.Net;
using ConformanceHarness.Loopback;

namespace ConformanceHarness.Bench;

/// <summary>
/// <c>conformance-bench serve-smtp --port N</c>: the library's <see cref="LoopbackSmtpServer"/> on 127.0.0.1,
/// the <c>process:</c> target for the CLI start-up figure where python3-aiosmtpd is not installed. It keeps
/// RFC 5321's command order, answers the commands the catalog uses and keeps nothing.
/// </summary>
internal static class BenchSmtpServer
{
    private static readonly LoopbackSmtpPolicy Policy = new()
    {
        Greeting = "220 bench.example.test ESMTP ready",
        Ehlo = "250-bench.example.test\r\n250-PIPELINING\r\n250 8BITMIME",
        Helo = "250 OK",
        Mail = "250 OK",
        Rcpt = "250 OK",
        Data = "354 end with <CRLF>.<CRLF>",
        Accepted = "250 queued",
        Reset = "250 OK",
        Noop = "250 OK",
        Quit = "221 bye",
        Unrecognised = "500 5.5.2 unrecognised command",
        EnforceCommandOrder = true,
    };

    public static async Task<int> ServeAsync(int port, CancellationToken cancellationToken)
    {
        await using var server = LoopbackSmtpServer.Start(IPAddress.Loopback, port, Policy, cancellationToken: cancellationToken);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        return 0;
    }
}
