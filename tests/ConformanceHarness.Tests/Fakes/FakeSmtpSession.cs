using System.Text;
using System.Text.RegularExpressions;

namespace ConformanceHarness.Tests.Fakes;

/// <summary>One SMTP session of <see cref="FakeSmtpServer"/>: the RFC 5321 command order as a small state machine.</summary>
internal sealed partial class FakeSmtpSession(FakeSmtpServer server, FakeConnection connection)
{
    private readonly FakeSmtpOptions options = server.Options;
    private readonly List<string> recipients = [];
    private bool greeted;
    private bool extended;
    private string? sender;

    private string Hostname => options.Identity.Hostname;

    public async Task RunAsync(CancellationToken ct)
    {
        if (options.Has(SmtpFault.GreetingRefused))
        {
            await RefusedSessionAsync(ct);
            return;
        }

        await ReplyAsync(220, null, $"{Hostname} ESMTP fake", ct);
        while (await connection.ReadLineAsync(ct) is { } line)
        {
            if (!await HandleAsync(line, ct))
            {
                return;
            }
        }
    }

    /// <summary>RFC 5321 §3.1: after a 554 greeting the server waits for QUIT and answers 503 to anything else.</summary>
    private async Task RefusedSessionAsync(CancellationToken ct)
    {
        await ReplyAsync(554, null, $"{Hostname} no SMTP service here", ct);
        while (await connection.ReadLineAsync(ct) is { } line)
        {
            if (Verb(line).Verb == "QUIT")
            {
                await ReplyAsync(221, null, "Bye", ct);
                return;
            }

            await ReplyAsync(503, null, "no SMTP service here", ct);
        }
    }

    /// <summary>Handles one command line; false ends the session.</summary>
    private async Task<bool> HandleAsync(string line, CancellationToken ct)
    {
        if (connection.LastLineTooLong)
        {
            await ReplyAsync(500, "5.5.2", "line too long", ct);
            return true;
        }

        var (verb, argument) = Verb(line);
        switch (verb)
        {
            case "EHLO":
                await EhloAsync(argument, ct);
                return true;
            case "HELO":
                await HeloAsync(argument, ct);
                return true;
            case "MAIL":
                await MailAsync(argument, ct);
                return true;
            case "RCPT":
                await RcptAsync(argument, ct);
                return true;
            case "DATA":
                await DataAsync(argument, ct);
                return true;
            case "RSET":
                if (argument.Length > 0)
                {
                    await ReplyAsync(501, "5.5.4", "Syntax: RSET", ct);
                    return true;
                }

                if (!options.Has(SmtpFault.RsetKeepsTransaction))
                {
                    ClearTransaction();
                }

                await ReplyAsync(250, "2.0.0", "Ok", ct);
                return true;
            case "NOOP":
                await (options.Has(SmtpFault.NoopRefused) ? ReplyAsync(502, "5.5.1", "NOOP not implemented", ct) : ReplyAsync(250, "2.0.0", "Ok", ct));
                return true;
            case "VRFY":
                await (argument.Length == 0
                    ? ReplyAsync(501, "5.5.4", "Syntax: VRFY address", ct)
                    : ReplyAsync(252, "2.5.2", "Cannot VRFY user, but will accept message and attempt delivery", ct));
                return true;
            case "HELP":
                await ReplyAsync(214, "2.0.0", "see RFC 5321", ct);
                return true;
            case "STARTTLS":
                return await StartTlsAsync(argument, ct);
            case "QUIT":
                return await QuitAsync(ct);
            case "":
                await ReplyAsync(500, "5.5.2", "Error: bad syntax", ct);
                return true;
            default:
                await UnknownAsync(ct);
                return true;
        }
    }

    private async Task EhloAsync(string argument, CancellationToken ct)
    {
        if (argument.Length == 0)
        {
            await ReplyAsync(501, "5.5.4", "Syntax: EHLO hostname", ct);
            return;
        }

        if (options.Has(SmtpFault.EhloNotRecognized))
        {
            await ReplyAsync(500, null, "Error: command not recognized", ct);
            return;
        }

        ClearTransaction();
        greeted = extended = true;
        List<string> lines = [$"{Hostname} greets {argument}", "PIPELINING", "SIZE 10240000", "8BITMIME", "ENHANCEDSTATUSCODES"];
        if (options.OffersStartTls && !connection.IsTls)
        {
            lines.Add("STARTTLS");
        }

        if (options.Has(SmtpFault.EhloMalformedKeyword))
        {
            lines.Add("_X_NOT_A_KEYWORD");
        }

        await MultiLineAsync(250, lines, ct);
    }

    private async Task HeloAsync(string argument, CancellationToken ct)
    {
        if (argument.Length == 0)
        {
            await ReplyAsync(501, "5.5.4", "Syntax: HELO hostname", ct);
            return;
        }

        if (options.Has(SmtpFault.HeloNotRecognized))
        {
            await ReplyAsync(500, null, "Error: command not recognized", ct);
            return;
        }

        ClearTransaction();
        greeted = true;
        extended = false;
        await ReplyAsync(250, null, Hostname, ct);
    }

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

        sender = match.Groups[1].Value;
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
        var at = address.LastIndexOf('@');
        var local = at < 0 ? address : address[..at];
        var domain = at < 0 ? options.Identity.Domain : address[(at + 1)..];
        if (!domain.Equals(options.Identity.Domain, StringComparison.OrdinalIgnoreCase))
        {
            await ReplyAsync(554, "5.7.1", $"<{address}>: Relay access denied", ct);
            return;
        }

        // RFC 5321 §4.5.1: postmaster must be accepted.
        if (!local.Equals(options.Identity.User, StringComparison.OrdinalIgnoreCase) && !local.Equals("postmaster", StringComparison.OrdinalIgnoreCase))
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
                var message = new FakeMessage($"m{server.Accepted.Count + 1}", Encoding.UTF8.GetBytes(content.ToString()));
                server.Accept(message);
                if (recipients.Count > 0)
                {
                    server.Maildrop.Deliver(message.Content);
                }

                ClearTransaction();
                await ReplyAsync(250, "2.0.0", $"Ok: queued as {message.Uid}", ct);
                return;
            }

            // RFC 5321 §4.5.2: a leading period was doubled by the client; remove one.
            content.Append(line.StartsWith('.') ? line[1..] : line).Append("\r\n");
        }
    }

    private async Task<bool> StartTlsAsync(string argument, CancellationToken ct)
    {
        if (!options.OffersStartTls || connection.IsTls)
        {
            await ReplyAsync(502, "5.5.1", "STARTTLS not available", ct);
            return true;
        }

        if (argument.Length > 0)
        {
            await ReplyAsync(501, "5.5.4", "Syntax: STARTTLS", ct);
            return true;
        }

        await ReplyAsync(220, "2.0.0", "Ready to start TLS", ct);
        await connection.UpgradeToTlsAsync(FakeCertificate.Server, ct);

        // RFC 3207 §4.2: the server forgets everything it knew from the client; EHLO comes again.
        ClearTransaction();
        greeted = extended = false;
        return true;
    }

    private async Task<bool> QuitAsync(CancellationToken ct)
    {
        if (options.Has(SmtpFault.QuitWithout221))
        {
            return false;
        }

        await ReplyAsync(221, "2.0.0", "Bye", ct);
        return options.Has(SmtpFault.QuitStaysOpen);
    }

    private Task UnknownAsync(CancellationToken ct)
    {
        if (options.Has(SmtpFault.UnknownCommandAccepted))
        {
            return ReplyAsync(250, "2.0.0", "Ok", ct);
        }

        return options.Has(SmtpFault.UnknownCommandAs502)
            ? ReplyAsync(502, "5.5.2", "Error: command not recognized", ct)
            : ReplyAsync(500, "5.5.2", "Error: command not recognized", ct);
    }

    private Task OutOfSequenceAsync(string text, CancellationToken ct) =>
        options.Has(SmtpFault.OutOfSequenceAs550)
            ? ReplyAsync(550, "5.5.1", $"Error: {text}", ct)
            : ReplyAsync(503, "5.5.1", $"Error: {text}", ct);

    private void ClearTransaction()
    {
        sender = null;
        recipients.Clear();
    }

    private Task ReplyAsync(int code, string? enhanced, string text, CancellationToken ct) =>
        MultiLineAsync(code, [enhanced is not null && UsesEnhancedCodes ? $"{enhanced} {text}" : text], ct);

    /// <summary>RFC 2034 §3: once ENHANCEDSTATUSCODES is advertised (after EHLO), every reply carries one.</summary>
    private bool UsesEnhancedCodes => extended && !options.Has(SmtpFault.NoEnhancedCodes);

    private Task MultiLineAsync(int code, List<string> lines, CancellationToken ct)
    {
        var eol = options.Has(SmtpFault.BareLineFeeds) ? "\n" : "\r\n";
        var reply = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            reply.Append(code).Append(i < lines.Count - 1 ? '-' : ' ').Append(lines[i]).Append(eol);
        }

        return connection.WriteAsync(reply.ToString(), ct);
    }

    private static (string Verb, string Argument) Verb(string line)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        return space < 0
            ? (line.ToUpperInvariant(), string.Empty)
            : (line[..space].ToUpperInvariant(), line[(space + 1)..].Trim());
    }

    [GeneratedRegex(@"^FROM:\s?<([^<>]*)>(\s.*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex MailFrom();

    [GeneratedRegex(@"^TO:\s?<([^<>]+)>(\s.*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex RcptTo();
}
