using System.Net;
using System.Net.Sockets;
using System.Text;
using ConformanceHarness.Delivery;
using ConformanceHarness.Loopback;
using ConformanceHarness.Sink;

namespace ConformanceHarness.Tests.Loopback;

/// <summary>The one loopback SMTP server: the sink's replies byte for byte, the command order when asked, bounded reads, cancellation.</summary>
public sealed class LoopbackSmtpServerTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(5);

    private static readonly LoopbackSmtpPolicy Ordered = new()
    {
        Greeting = "220 ordered.example.test ESMTP",
        Ehlo = "250 ordered.example.test",
        Helo = "250 ordered.example.test",
        EnforceCommandOrder = true,
    };

    [Test]
    public async Task SinkPolicy_AWholeTransaction_RepliesAsTheSinkAlwaysDid_AndHandsOverTheUnstuffedMessage()
    {
        var received = new List<DeliveredMessage>();
        await using var server = LoopbackSmtpServer.Start(IPAddress.Loopback, 0, CaptureSink.Policy, m => { lock (received) { received.Add(m); } });
        using var client = await ClientAsync(server);

        var transcript = await client.ConverseAsync(
            "EHLO client.example.test", "XFOO", "NOOP", "MAIL FROM:<a@example.test>", "RCPT TO:<b@example.net>", "DATA",
            "Subject: t\r\n\r\n..leading dot\r\nend\r\n.", "RSET", "QUIT");

        Assert.That(transcript, Is.EqualTo(
            "220 capture-sink.conformance-harness.invalid ESMTP capture sink\r\n"
            + "250-capture-sink\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 SIZE 33554432\r\n"
            + "250 2.0.0 ok\r\n250 2.0.0 ok\r\n250 2.1.0 ok\r\n250 2.1.5 ok\r\n354 go ahead\r\n"
            + "250 2.0.0 captured\r\n250 2.0.0 ok\r\n221 2.0.0 bye\r\n"));
        Assert.That(received, Has.Count.EqualTo(1));
        Assert.That(received[0].MailFrom, Is.EqualTo("a@example.test"));
        Assert.That(received[0].Recipients, Is.EqualTo(new[] { "b@example.net" }));
        Assert.That(received[0].Text, Is.EqualTo("Subject: t\r\n\r\n.leading dot\r\nend\r\n"), "RFC 5321 §4.5.2: the doubled dot is undone");
        Assert.That(server.Messages, Is.EqualTo(1));
    }

    [Test]
    public async Task SinkPolicy_DataWithoutEnvelope_IsStillAccepted()
    {
        await using var server = LoopbackSmtpServer.Start(IPAddress.Loopback, 0, CaptureSink.Policy);
        using var client = await ClientAsync(server);

        var transcript = await client.ConverseAsync("DATA", "x\r\n.", "QUIT");

        Assert.That(transcript, Does.EndWith("354 go ahead\r\n250 2.0.0 captured\r\n221 2.0.0 bye\r\n"));
    }

    [TestCase(new[] { "MAIL FROM:<a@example.test>" }, "503 5.5.1 Error: send HELO/EHLO first")]
    [TestCase(new[] { "EHLO c", "RCPT TO:<b@example.test>" }, "503 5.5.1 Error: need MAIL command")]
    [TestCase(new[] { "EHLO c", "MAIL FROM:<a@example.test>", "DATA" }, "503 5.5.1 Error: need RCPT command")]
    [TestCase(new[] { "EHLO c", "MAIL FROM:<a@example.test>", "MAIL FROM:<a@example.test>" }, "503 5.5.1 Error: nested MAIL command")]
    public async Task EnforcedOrder_CommandOutOfOrder_Is503(string[] commands, string expected)
    {
        await using var server = LoopbackSmtpServer.Start(IPAddress.Loopback, 0, Ordered);
        using var client = await ClientAsync(server);

        var transcript = await client.ConverseAsync(commands);

        Assert.That(transcript.TrimEnd().Split("\r\n")[^1], Is.EqualTo(expected));
    }

    [Test]
    public async Task EndlessLine_IsCutIntoBoundedPieces_AndTheSessionGoesOn()
    {
        await using var server = LoopbackSmtpServer.Start(IPAddress.Loopback, 0, Ordered);
        using var client = await ClientAsync(server);

        // 200 KiB without a line end: the reader cuts it at 64 KiB (three pieces and a rest), each answered as a command.
        var transcript = await client.ConverseAsync(new string('x', 200 * 1024), "QUIT");

        var replies = transcript.TrimEnd().Split("\r\n");
        Assert.That(replies.Count(r => r.StartsWith("502 ", StringComparison.Ordinal)), Is.EqualTo(4));
        Assert.That(replies[^1], Is.EqualTo("221 2.0.0 Bye"));
    }

    [Test]
    public async Task Dispose_SilentSessionOpen_EndsItPromptly()
    {
        var server = LoopbackSmtpServer.Start(IPAddress.Loopback, 0, Ordered with { Silent = true });
        using var client = await ClientAsync(server);
        await Task.Delay(100);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await server.DisposeAsync();

        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
        Assert.That(await client.ReadToEndAsync(), Is.Empty, "the session closed without a word");
        Assert.That(server.Connections, Is.EqualTo(1));
    }

    [Test]
    public async Task StartToken_Cancelled_EndsTheSessions()
    {
        using var cancel = new CancellationTokenSource();
        await using var server = LoopbackSmtpServer.Start(IPAddress.Loopback, 0, Ordered with { Silent = true }, cancellationToken: cancel.Token);
        using var client = await ClientAsync(server);
        await Task.Delay(100);

        await cancel.CancelAsync();

        Assert.That(await client.ReadToEndAsync().WaitAsync(Within), Is.Empty);
    }

    private static async Task<Client> ClientAsync(LoopbackSmtpServer server)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, server.EndPoint.Port);
        return new Client(tcp);
    }

    /// <summary>A pipelining test client: sends every line, then reads until the server closes or falls silent.</summary>
    private sealed class Client(TcpClient tcp) : IDisposable
    {
        public async Task<string> ConverseAsync(params string[] lines)
        {
            var stream = tcp.GetStream();
            foreach (var line in lines)
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes(line + "\r\n"));
            }

            return await ReadToEndAsync();
        }

        /// <summary>Everything until the server closes the connection or says nothing for half a second.</summary>
        public async Task<string> ReadToEndAsync()
        {
            var text = new StringBuilder();
            var buffer = new byte[64 * 1024];
            while (true)
            {
                using var quiet = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
                int read;
                try
                {
                    read = await tcp.GetStream().ReadAsync(buffer, quiet.Token);
                }
                catch (OperationCanceledException)
                {
                    return text.ToString();
                }

                if (read == 0)
                {
                    return text.ToString();
                }

                text.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }
        }

        public void Dispose() => tcp.Dispose();
    }
}
