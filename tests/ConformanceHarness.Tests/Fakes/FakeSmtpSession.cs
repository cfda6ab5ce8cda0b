using System.Text;

namespace ConformanceHarness.Tests.Fakes;

/// <summary>
/// One SMTP session of <see cref="FakeSmtpServer"/>: the RFC 5321 command order as a small state machine.
/// This part: the session, its states and replies; the mail transaction is in FakeSmtpSession.Transaction.cs.
/// </summary>
internal sealed partial class FakeSmtpSession(FakeSmtpServer server, FakeConnection connection)
{
    private readonly FakeSmtpOptions options = server.Options;
    private bool greeted;
    private bool extended;

    private string Hostname => options.Identity.Hostname;

    /// <summary>The state's name as <see cref="FakeSmtpOptions.ScriptedReplies"/> keys it.</summary>
    private string State =>
        !greeted ? "before-ehlo"
        : recipients.Count > 0 ? "after-rcpt"
        : sender is not null ? "after-mail"
        : afterData ? "after-data"
        : "after-ehlo";

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

            if (await ScriptedAsync("before-ehlo", Verb(line).Verb, ct))
            {
                continue;
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

        if (options.Has(SmtpFault.PipelinedInputDiscarded))
        {
            connection.DiscardBuffered();
        }

        if (options.Has(SmtpFault.CommandLineSplitAt512) && line.Length > 512)
        {
            return await HandleAsync(line[..512], ct) && await HandleAsync(line[512..], ct);
        }

        var (verb, argument) = Verb(line);
        if (options.Has(SmtpFault.CaseSensitiveCommands) && line.Split(' ')[0] != verb)
        {
            verb = "?" + verb;
        }

        if (await ScriptedAsync(State, verb, ct))
        {
            return true;
        }

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
            case "BDAT" when options.Chunking:
                return await BdatAsync(argument, ct);
            case "RSET":
                await RsetAsync(argument, ct);
                return true;
            case "NOOP":
                await NoopAsync(ct);
                return true;
            case "VRFY":
                await VrfyAsync(argument, ct);
                return true;
            case "EXPN" when options.Has(SmtpFault.ExpnLeaksUsers):
                await ExpnAsync(argument, ct);
                return true;
            case "AUTH" when options.AuthPlain:
                await AuthAsync(argument, ct);
                return true;
            case "HELP":
                await ReplyAsync(214, "2.0.0", "see RFC 5321", ct);
                return true;
            case "STARTTLS":
                await StartTlsAsync(argument, ct);
                return true;
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

        if (!options.Has(SmtpFault.EhloKeepsTransaction))
        {
            ClearTransaction();
        }

        greeted = extended = true;
        await MultiLineAsync(250, EhloLines(argument), ct);
    }

    private List<string> EhloLines(string client)
    {
        List<string> lines = [$"{Hostname} greets {client}", "PIPELINING", $"SIZE {options.SizeLimit}", "8BITMIME", "ENHANCEDSTATUSCODES"];
        if (options.Chunking)
        {
            lines.Add("CHUNKING");
        }

        if (options.SmtpUtf8)
        {
            lines.Add("SMTPUTF8");
        }

        if (options.OffersStartTls && !connection.IsTls)
        {
            lines.Add("STARTTLS");
        }

        if (options.Has(SmtpFault.EhloMalformedKeyword))
        {
            lines.Add("_X_NOT_A_KEYWORD");
        }

        if (options.AuthPlain && (connection.IsTls || options.AuthInTheClear))
        {
            lines.Add("AUTH PLAIN");
        }

        return lines;
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
        await (options.Has(SmtpFault.HeloAnsweredLikeEhlo) ? MultiLineAsync(250, EhloLines(argument), ct) : ReplyAsync(250, null, Hostname, ct));
    }

    private async Task RsetAsync(string argument, CancellationToken ct)
    {
        if (argument.Length > 0)
        {
            await ReplyAsync(501, "5.5.4", "Syntax: RSET", ct);
            return;
        }

        if (!options.Has(SmtpFault.RsetKeepsTransaction))
        {
            ClearTransaction();
        }

        await ReplyAsync(250, "2.0.0", "Ok", ct);
    }

    private async Task NoopAsync(CancellationToken ct)
    {
        if (options.Has(SmtpFault.NoopRefused))
        {
            await ReplyAsync(502, "5.5.1", "NOOP not implemented", ct);
            return;
        }

        if (options.Has(SmtpFault.NoopClearsTransaction))
        {
            ClearTransaction();
        }

        await ReplyAsync(250, "2.0.0", "Ok", ct);
    }

    private async Task StartTlsAsync(string argument, CancellationToken ct)
    {
        if (options.Has(SmtpFault.StartTlsLenient) && (argument.Length > 0 || connection.IsTls))
        {
            // Says go ahead, but (being broken) never starts a second handshake.
            await ReplyAsync(220, "2.0.0", "Ready to start TLS", ct);
            return;
        }

        if (!options.OffersStartTls || connection.IsTls)
        {
            await ReplyAsync(502, "5.5.1", "STARTTLS not available", ct);
            return;
        }

        if (argument.Length > 0)
        {
            await ReplyAsync(501, "5.5.4", "Syntax: STARTTLS", ct);
            return;
        }

        await ReplyAsync(220, "2.0.0", "Ready to start TLS", ct);
        await connection.UpgradeToTlsAsync(FakeCertificate.Server, ct, keepPlaintext: options.Has(SmtpFault.StartTlsKeepsPlaintext));

        // RFC 3207 §4.2: the server forgets everything it knew from the client; EHLO comes again.
        ClearTransaction();
        greeted = extended = false;
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

    /// <summary>Sends the scripted reply for this state and verb, if the options have one.</summary>
    private async Task<bool> ScriptedAsync(string state, string verb, CancellationToken ct)
    {
        if (!options.ScriptedReplies.TryGetValue($"{state} {verb}", out var reply))
        {
            return false;
        }

        await connection.WriteAsync(reply + LineEnd, ct);
        return true;
    }

    private string LineEnd => options.Has(SmtpFault.BareLineFeeds) ? "\n" : "\r\n";

    /// <summary>RFC 2034 §3: once ENHANCEDSTATUSCODES is advertised (after EHLO), every reply carries one.</summary>
    private bool UsesEnhancedCodes => extended && !options.Has(SmtpFault.NoEnhancedCodes);

    private Task ReplyAsync(int code, string? enhanced, string text, CancellationToken ct) =>
        MultiLineAsync(code, [enhanced is not null && UsesEnhancedCodes ? $"{enhanced} {text}" : text], ct);

    private Task MultiLineAsync(int code, List<string> lines, CancellationToken ct)
    {
        var reply = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            reply.Append(code).Append(i < lines.Count - 1 ? '-' : ' ').Append(lines[i]).Append(LineEnd);
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
}
