using System.Text;
using System.Text.RegularExpressions;

namespace ConformanceHarness.Tests.Fakes;

/// <summary>The mail transaction of <see cref="FakeSmtpSession"/>: MAIL → RCPT → DATA (RFC 5321 §3.3, §4.1.4).</summary>
internal sealed partial class FakeSmtpSession
{
    private readonly List<string> recipients = [];
    private string? sender;
    private bool afterData;
    private List<byte>? chunks;

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

        if (await ParametersRefusedAsync(match.Groups[2].Value, mail: true, ct))
        {
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

        if (await ParametersRefusedAsync(match.Groups[2].Value, mail: false, ct))
        {
            return;
        }

        var address = match.Groups[1].Value;
        if (SpfRefusal() is { } spf)
        {
            await ReplyAsync(550, "5.7.23", spf, ct);
            return;
        }

        if (RefusesUnknownUser(address))
        {
            await ReplyAsync(550, "5.1.1", $"<{address}>: Recipient address rejected: User unknown", ct);
            return;
        }

        if (AcceptsForRelay(address))
        {
            recipients.Add(address);
            await ReplyAsync(250, "2.1.5", "Ok", ct);
            return;
        }

        var at = address.LastIndexOf('@');
        var local = at < 0 ? address : address[..at];
        var domain = at < 0 ? string.Empty : address[(at + 1)..];
        if (!Serves(domain))
        {
            await ReplyAsync(554, "5.7.1", $"<{address}>: Relay access denied", ct);
            return;
        }

        // RFC 5321 §4.5.1: postmaster must be accepted.
        if (!options.CatchAllLocalRecipients && !local.Equals(options.Identity.User, StringComparison.OrdinalIgnoreCase) && !local.Equals("postmaster", StringComparison.OrdinalIgnoreCase))
        {
            await UnknownNameAsync($"<{address}>: Recipient address rejected: User unknown", ct);
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

        // RFC 5321 §4.1.1.4: only CRLF.CRLF ends the data; a fake broken on purpose also ends it at bare-LF/CR forms.
        List<byte[]> ends = [[13, 10, 46, 13, 10]];
        if (options.Has(SmtpFault.DataEndsAtBareLf) || options.Has(SmtpFault.DataEndsAtBareCr))
        {
            ends.AddRange([[10, 46, 10], [10, 46, 13, 10], [13, 10, 46, 10]]);
        }

        if (options.Has(SmtpFault.DataEndsAtBareCr))
        {
            ends.AddRange([[13, 46, 13], [13, 46, 13, 10], [13, 10, 46, 13], [10, 46, 13], [13, 46, 10]]);
        }

        var raw = await connection.ReadDataAsync(ends, options.Has(SmtpFault.DataStripsNul), ct);
        if (raw is null)
        {
            return;
        }

        var content = new StringBuilder();
        foreach (var line in raw.Length == 0 ? [] : Encoding.UTF8.GetString(raw).Split("\r\n"))
        {
            // A scripted fake may answer a text line as if it were a command (it stays in DATA).
            await ScriptedAsync("during-data", Verb(line).Verb, ct);

            // RFC 5321 §4.5.2: a leading period was doubled by the client; remove one.
            content.Append(line.StartsWith('.') && !options.Has(SmtpFault.DotUnstuffingSkipped) ? line[1..] : line).Append("\r\n");
        }

        await EndOfMessageAsync(content.ToString(), raw.LongLength, ct);
    }

    private async Task EndOfMessageAsync(string content, long size, CancellationToken ct)
    {
        if (size > options.SizeLimit && !options.Has(SmtpFault.ActualSizeUnchecked))
        {
            ClearTransaction();
            await ReplyAsync(552, "5.3.4", "Message size exceeds fixed limit", ct);
            return;
        }

        if (HeaderFromMismatch(content))
        {
            ClearTransaction();
            await ReplyAsync(550, "5.7.1", "From: header does not match the envelope sender", ct);
            return;
        }

        var (dmarcRefusal, recorded) = SenderAuthentication(content);
        if (dmarcRefusal is not null)
        {
            ClearTransaction();
            await ReplyAsync(550, "5.7.1", dmarcRefusal, ct);
            return;
        }

        await AcceptAsync(Encoding.UTF8.GetBytes(WithTraceHeader(recorded)), ct);
    }

    /// <summary>RFC 3030 BDAT n [LAST]: exactly n octets follow, no dot-stuffing; the message ends with the LAST chunk.</summary>
    private async Task<bool> BdatAsync(string argument, CancellationToken ct)
    {
        var match = Bdat().Match(argument);
        if (!match.Success)
        {
            await ReplyAsync(501, "5.5.4", "Syntax: BDAT size [LAST]", ct);
            return true;
        }

        var chunk = await connection.ReadExactAsync(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), ct);
        if (chunk is null)
        {
            return false;
        }

        if (recipients.Count == 0)
        {
            chunks = null;
            await OutOfSequenceAsync("need RCPT command", ct);
            return true;
        }

        chunks ??= [];
        chunks.AddRange(chunk);
        if (!match.Groups[2].Success)
        {
            await ReplyAsync(250, "2.0.0", $"{chunk.Length} octets received", ct);
            return true;
        }

        var message = chunks.ToArray();
        chunks = null;
        await EndOfMessageAsync(Encoding.UTF8.GetString(message), message.LongLength, ct);
        return true;
    }

    /// <summary>RFC 5321 §4.1.1.11: an unknown MAIL/RCPT parameter is refused with 555; RFC 1870 SIZE=n over the limit with 552.</summary>
    private async Task<bool> ParametersRefusedAsync(string parameters, bool mail, CancellationToken ct)
    {
        foreach (var parameter in parameters.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = parameter.Split('=')[0].ToUpperInvariant();
            var value = parameter.Contains('=', StringComparison.Ordinal) ? parameter[(parameter.IndexOf('=', StringComparison.Ordinal) + 1)..] : string.Empty;
            if (mail && name == "SIZE" && long.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var size))
            {
                if (size > options.SizeLimit && !options.Has(SmtpFault.ActualSizeUnchecked))
                {
                    await ReplyAsync(552, "5.3.4", "Message size exceeds fixed maximum message size", ct);
                    return true;
                }

                continue;
            }

            var known = mail && (name == "AUTH" || (name == "BODY" && value.ToUpperInvariant() is "7BIT" or "8BITMIME") || (name == "SMTPUTF8" && options.SmtpUtf8));
            if (!known && !options.Has(SmtpFault.UnknownParametersIgnored))
            {
                await ReplyAsync(555, "5.5.4", $"Unsupported option: {parameter}", ct);
                return true;
            }
        }

        return false;
    }

    private async Task AcceptAsync(byte[] content, CancellationToken ct)
    {
        var message = new FakeMessage($"m{server.Accepted.Count + 1}", content);
        server.Accept(message);
        if (recipients.Any(IsLocal))
        {
            server.Maildrop.Deliver(message.Content);
        }

        if (recipients.Any(Relays))
        {
            server.Sink.Deliver(sender, [.. recipients.Where(Relays)], SignedForRelay(message.Content));
        }

        ClearTransaction();
        afterData = true;
        await ReplyAsync(250, "2.0.0", $"Ok: queued as {message.Uid}", ct);
    }

    private void ClearTransaction()
    {
        chunks = null;
        sender = null;
        recipients.Clear();
        afterData = false;
    }

    [GeneratedRegex(@"^FROM:\s?<([^<>]*)>(\s.*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex MailFrom();

    [GeneratedRegex(@"^TO:\s?<([^<>]+)>(\s.*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex RcptTo();

    [GeneratedRegex(@"^(\d{1,9})(\s+LAST)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Bdat();
}
