using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ConformanceHarness.Tests.Cli;

/// <summary>
/// A few lines of SMTP on loopback, enough for CLI tests: <see cref="Correct"/> keeps RFC 5321's command order
/// (503 for RCPT before MAIL), the broken one accepts anything with 250.
/// </summary>
public sealed class TinySmtpServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly Task accepting;

    private TinySmtpServer(bool correct, bool silent)
    {
        Correct = correct;
        Silent = silent;
        listener.Start();
        accepting = AcceptAsync();
    }

    public bool Correct { get; }

    /// <summary>Accepts and never says a word (for cancellation tests).</summary>
    public bool Silent { get; }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public string Spec => $"live:127.0.0.1:{Port}";

    public static TinySmtpServer StartCorrect() => new(correct: true, silent: false);

    public static TinySmtpServer StartBroken() => new(correct: false, silent: false);

    public static TinySmtpServer StartSilent() => new(correct: true, silent: true);

    private async Task AcceptAsync()
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stop.Token);
                _ = Task.Run(() => ServeAsync(client));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            if (Silent)
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }

            async Task Say(string reply) => await stream.WriteAsync(Encoding.ASCII.GetBytes(reply + "\r\n"), stop.Token);
            await Say("220 tiny.example.test ESMTP");
            var (greeted, mail, rcpt) = (false, false, false);
            while (await reader.ReadLineAsync(stop.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                var ok = !Correct;
                switch (verb)
                {
                    case "EHLO":
                        greeted = true;
                        await Say("250-tiny.example.test\r\n250 8BITMIME");
                        break;
                    case "HELO":
                        greeted = true;
                        await Say("250 tiny.example.test");
                        break;
                    case "MAIL":
                        ok |= greeted;
                        mail |= ok;
                        await Say(ok ? "250 2.1.0 Ok" : "503 5.5.1 Error: send HELO/EHLO first");
                        break;
                    case "RCPT":
                        ok |= mail;
                        rcpt |= ok;
                        await Say(ok ? "250 2.1.5 Ok" : "503 5.5.1 Error: need MAIL command");
                        break;
                    case "RSET":
                        (mail, rcpt) = (false, false);
                        await Say("250 2.0.0 Ok");
                        break;
                    case "NOOP":
                        await Say("250 2.0.0 Ok");
                        break;
                    case "QUIT":
                        await Say("221 2.0.0 Bye");
                        return;
                    default:
                        await Say("502 5.5.2 Error: command not recognized");
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await accepting;
        stop.Dispose();
    }
}
