using System.Text;
using System.Text.RegularExpressions;

namespace ConformanceHarness.Tests.Fakes;

/// <summary>The mail transaction of <see cref="FakeSmtpSession"/>: MAIL → RCPT → DATA (RFC 5321 §3.3, §4.1.4).</summary>
internal sealed partial class FakeSmtpSession
{
    private readonly List<string> recipients = [];
    private string? sender;
    private bool afterData;

    private async Task MailAsync(string argument, CancellationToken ct)
    {
        if (!greeted || sender is not null)
        {
            await OutOfSequenceAsync(greeted ? "nested MAIL command" : "send HELO/EHLO first", ct);
            return;
        }

        var match = MailFrom().Match(argument);
        if (!match.Success)
        {
            await ReplyAsync(501, "5.5.4", "Syntax: MAIL FROM:<address>", ct);
            return;
        }

        if (RefusesSender(match.Groups[1].Value))
        {
            await ReplyAsync(550, "5.7.1", $"<{match.Groups[1].Value}>: Sender address rejected: not logged in", ct);
            return;
        }

        sender = match.Groups[1].Value;
        afterData = false;
        await ReplyAsync(250, "2.1.0", "Ok", ct);
    }

    private async Task RcptAsync(string argument, CancellationToken ct)
    {
        if (sender is null && !options.Has(SmtpFault.RcptBeforeMailAccepted))
        {
            await OutOfSequenceAsync("need MAIL command", ct);
            return;
        }

        var match = RcptTo().Match(argument);
        if (!match.Success)
        {
            await ReplyAsync(501, "5.5.4", "Syntax: RCPT TO:<address>", ct);
            return;
        }

        var address = match.Groups[1].Value;
        if (AcceptsForRelay(address))
        {
            recipients.Add(address);
            await ReplyAsync(250, "2.1.5", "Ok", ct);
            return;
        }

        var at = address.LastIndexOf('@');
        var local = at < 0 ? address : address[..at];
        var domain = at < 0 ? options.Identity.Domain : address[(at + 1)..];
        if (!domain.Equals(options.Identity.Domain, StringComparison.OrdinalIgnoreCase))
        {
            await ReplyAsync(554, "5.7.1", $"<{address}>: Relay access denied", ct);
            return;
        }

        // RFC 5321 §4.5.1: postmaster must be accepted.
        if (!options.CatchAllLocalRecipients && !local.Equals(options.Identity.User, StringComparison.OrdinalIgnoreCase) && !local.Equals("postmaster", StringComparison.OrdinalIgnoreCase))
        {
            await ReplyAsync(550, "5.1.1", $"<{address}>: Recipient address rejected: User unknown", ct);
            return;
        }

        recipients.Add(address);
        await ReplyAsync(250, "2.1.5", "Ok", ct);
    }

    private async Task DataAsync(string argument, CancellationToken ct)
    {
        if (argument.Length > 0)
        {
            await ReplyAsync(501, "5.5.4", "Syntax: DATA", ct);
            return;
        }

        if (recipients.Count == 0 && !options.Has(SmtpFault.DataBeforeRcptAccepted))
        {
            await OutOfSequenceAsync("need RCPT command", ct);
            return;
        }

        await ReplyAsync(354, null, "End data with <CR><LF>.<CR><LF>", ct);
        var content = new StringBuilder();
        while (await connection.ReadLineAsync(ct) is { } line)
        {
            if (line == ".")
            {
                if (HeaderFromMismatch(content.ToString()))
                {
                    ClearTransaction();
                    await ReplyAsync(550, "5.7.1", "From: header does not match the envelope sender", ct);
                    return;
                }

                await AcceptAsync(Encoding.UTF8.GetBytes(WithTraceHeader(content.ToString())), ct);
                return;
            }

            // A scripted fake may answer a text line as if it were a command (it stays in DATA).
            await ScriptedAsync("during-data", Verb(line).Verb, ct);

            // RFC 5321 §4.5.2: a leading period was doubled by the client; remove one.
            content.Append(line.StartsWith('.') ? line[1..] : line).Append("\r\n");
        }
    }

    private async Task AcceptAsync(byte[] content, CancellationToken ct)
    {
        var message = new FakeMessage($"m{server.Accepted.Count + 1}", content);
        server.Accept(message);
        if (recipients.Any(IsLocal))
        {
            server.Maildrop.Deliver(message.Content);
        }

        if (recipients.Any(r => !IsLocal(r)))
        {
            server.Sink.Deliver(sender, [.. recipients.Where(r => !IsLocal(r))], message.Content);
        }

        ClearTransaction();
        afterData = true;
        await ReplyAsync(250, "2.0.0", $"Ok: queued as {message.Uid}", ct);
    }

    private void ClearTransaction()
    {
        sender = null;
        recipients.Clear();
        afterData = false;
    }

    [GeneratedRegex(@"^FROM:\s?<([^<>]*)>(\s.*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex MailFrom();

    [GeneratedRegex(@"^TO:\s?<([^<>]+)>(\s.*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex RcptTo();
}
