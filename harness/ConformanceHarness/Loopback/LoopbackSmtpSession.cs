using System.Text;
using ConformanceHarness.Delivery;

namespace ConformanceHarness.Loopback;

/// <summary>One client's SMTP dialogue with a <see cref="LoopbackSmtpServer"/>, answered by its <see cref="LoopbackSmtpPolicy"/>.</summary>
internal sealed class LoopbackSmtpSession(Stream stream, LoopbackSmtpPolicy policy, Action<DeliveredMessage> deliver)
{
    private readonly SmtpLineReader reader = new(stream);
    private readonly List<string> recipients = [];
    private bool greeted;
    private bool inTransaction;
    private bool dataOpened;
    private string? from;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (policy.Silent)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            return;
        }

        await ReplyAsync(policy.Greeting, cancellationToken).ConfigureAwait(false);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            var text = Encoding.ASCII.GetString(line);
            var verb = text.Split(' ', 2)[0].ToUpperInvariant();
            var reply = Answer(verb, text);
            await ReplyAsync(reply, cancellationToken).ConfigureAwait(false);
            if (verb == "QUIT")
            {
                return;
            }

            if (dataOpened)
            {
                dataOpened = false;
                var content = await ReadDataAsync(cancellationToken).ConfigureAwait(false);
                if (content is null)
                {
                    return;
                }

                deliver(new DeliveredMessage(from, [.. recipients], content, DateTimeOffset.UtcNow));
                ResetTransaction();
                await ReplyAsync(policy.Accepted, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private string Answer(string verb, string command)
    {
        var order = policy.EnforceCommandOrder;
        switch (verb)
        {
            case "EHLO":
                greeted = true;
                return policy.Ehlo;
            case "HELO":
                greeted = true;
                return policy.Helo;
            case "MAIL" when order && !greeted:
                return "503 5.5.1 Error: send HELO/EHLO first";
            case "MAIL" when order && inTransaction:
                return "503 5.5.1 Error: nested MAIL command";
            case "MAIL":
                inTransaction = true;
                from = Address(command);
                recipients.Clear();
                return policy.Mail;
            case "RCPT" when order && !inTransaction:
                return "503 5.5.1 Error: need MAIL command";
            case "RCPT":
                recipients.Add(Address(command));
                return policy.Rcpt;
            case "DATA" when order && recipients.Count == 0:
                return "503 5.5.1 Error: need RCPT command";
            case "DATA":
                dataOpened = true;
                return policy.Data;
            case "RSET":
                ResetTransaction();
                return policy.Reset;
            case "NOOP":
                return policy.Noop;
            case "QUIT":
                return policy.Quit;
            default:
                return policy.Unrecognised;
        }
    }

    private void ResetTransaction()
    {
        inTransaction = false;
        from = null;
        recipients.Clear();
    }

    /// <summary>Reads DATA up to CRLF.CRLF, undoing dot-stuffing (RFC 5321 §4.5.2); null if the client left first.</summary>
    private async Task<byte[]?> ReadDataAsync(CancellationToken cancellationToken)
    {
        var content = new MemoryStream();
        while (true)
        {
            var line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is null)
            {
                return null;
            }

            if (line is [(byte)'.'])
            {
                return content.ToArray();
            }

            var start = line.Length > 0 && line[0] == (byte)'.' ? 1 : 0;
            if (content.Length < policy.MaxMessageBytes)
            {
                content.Write(line, start, line.Length - start);
                content.Write("\r\n"u8);
            }
        }
    }

    private static string Address(string command)
    {
        var open = command.IndexOf('<', StringComparison.Ordinal);
        var close = command.IndexOf('>', StringComparison.Ordinal);
        return open >= 0 && close > open ? command[(open + 1)..close] : command.Split(':', 2).ElementAtOrDefault(1)?.Trim() ?? string.Empty;
    }

    private async Task ReplyAsync(string text, CancellationToken cancellationToken) =>
        await stream.WriteAsync(Encoding.ASCII.GetBytes(text + "\r\n"), cancellationToken).ConfigureAwait(false);
}
