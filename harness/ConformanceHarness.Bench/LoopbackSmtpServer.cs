using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ConformanceHarness.Bench;

/// <summary>
/// A tiny SMTP server on loopback (<c>conformance-bench serve-smtp --port N</c>): the <c>process:</c> target for the
/// CLI start-up figure where python3-aiosmtpd is not installed. It answers the commands the catalog uses and keeps nothing.
/// </summary>
internal static class LoopbackSmtpServer
{
    public static async Task<int> ServeAsync(int port, CancellationToken cancellationToken)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
                _ = Task.Run(() => SessionAsync(client, cancellationToken), cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            listener.Stop();
        }

        return 0;
    }

    private static async Task SessionAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.Latin1);
                await WriteAsync(stream, "220 bench.example.test ESMTP ready", cancellationToken).ConfigureAwait(false);
                var mail = false;
                var rcpt = false;
                while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
                {
                    var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                    var reply = verb switch
                    {
                        "EHLO" => "250-bench.example.test\r\n250-PIPELINING\r\n250 8BITMIME",
                        "HELO" or "NOOP" => "250 OK",
                        "RSET" => Reset(ref mail, ref rcpt),
                        "MAIL" => mail ? "503 5.5.1 nested MAIL" : Set(ref mail, "250 OK"),
                        "RCPT" => mail ? Set(ref rcpt, "250 OK") : "503 5.5.1 MAIL first",
                        "DATA" => rcpt ? "354 end with <CRLF>.<CRLF>" : "503 5.5.1 RCPT first",
                        "QUIT" => "221 bye",
                        _ => "500 5.5.2 unrecognised command",
                    };
                    await WriteAsync(stream, reply, cancellationToken).ConfigureAwait(false);
                    if (verb == "QUIT")
                    {
                        return;
                    }

                    if (verb == "DATA" && rcpt)
                    {
                        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } body && body != ".")
                        {
                        }

                        await WriteAsync(stream, Reset(ref mail, ref rcpt).Replace("250 OK", "250 queued", StringComparison.Ordinal), cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
            }
        }
    }

    private static string Set(ref bool flag, string reply)
    {
        flag = true;
        return reply;
    }

    private static string Reset(ref bool mail, ref bool rcpt)
    {
        mail = false;
        rcpt = false;
        return "250 OK";
    }

    private static Task WriteAsync(NetworkStream stream, string reply, CancellationToken cancellationToken) =>
        stream.WriteAsync(Encoding.ASCII.GetBytes(reply + "\r\n"), cancellationToken).AsTask();
}
