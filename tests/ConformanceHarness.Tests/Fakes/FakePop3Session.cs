using System.Text;

namespace ConformanceHarness.Tests.Fakes;

/// <summary>One POP3 session of <see cref="FakePop3Server"/>: AUTHORIZATION → TRANSACTION → UPDATE (RFC 1939 §3).</summary>
internal sealed class FakePop3Session(FakePop3Server server, FakeConnection connection)
{
    private readonly FakePop3Options options = server.Options;
    private readonly HashSet<int> deleted = [];
    private IReadOnlyList<FakeMessage>? messages;
    private bool holdsLock;
    private string? user;
    private string? timestamp;
    private readonly string sessionSalt = Guid.NewGuid().ToString("N")[..8];

    private bool loggedIn;
    private int failedLogins;

    private bool InTransaction => messages is not null && loggedIn;

    public async Task RunAsync(CancellationToken ct)
    {
        if (options.Has(Pop3Fault.GreetingNegative))
        {
            await ErrAsync("service unavailable", ct);
            return;
        }

        // RFC 1939 §7: the APOP timestamp is a msg-id, unique to this greeting.
        timestamp = options.Apop ? $"<{Environment.ProcessId}.{Guid.NewGuid():N}@pop3.fake.example.test>" : null;
        await OkAsync(timestamp is null ? "POP3 fake ready" : $"POP3 fake ready {timestamp}", ct);
        while (await connection.ReadLineAsync(ct) is { } line)
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var verb = (space < 0 ? line : line[..space]).ToUpperInvariant();
            var argument = space < 0 ? string.Empty : line[(space + 1)..];
            if (!await HandleAsync(verb, argument, ct))
            {
                return;
            }
        }
    }

    /// <summary>A session that ends without QUIT releases the lock and deletes nothing (RFC 1939 §6).</summary>
    public void Release()
    {
        if (loggedIn && options.Has(Pop3Fault.DisconnectUpdates))
        {
            server.Maildrop.Remove(deleted.Select(n => messages![n - 1].Uid));
        }

        if (holdsLock)
        {
            server.Maildrop.Unlock();
            holdsLock = false;
        }
    }

    private async Task<bool> HandleAsync(string verb, string argument, CancellationToken ct)
    {
        if (options.ScriptedReplies.TryGetValue($"{(InTransaction ? "transaction" : "authorization")} {verb}", out var scripted))
        {
            await connection.WriteAsync(scripted + "\r\n", ct);
            return true;
        }

        switch (verb)
        {
            case "CAPA":
                await CapaAsync(ct);
                return true;
            case "QUIT":
                return await QuitAsync(ct);
            case "STLS" when !InTransaction:
                await StlsAsync(ct);
                return true;
            case "USER" when !InTransaction:
                await UserAsync(argument, ct);
                return true;
            case "PASS" when !InTransaction:
                await PassAsync(argument, ct);
                return !loginFailedClose;
            case "APOP" when !InTransaction && timestamp is not null:
                await ApopAsync(argument, ct);
                return !loginFailedClose;
            case "AUTH" when !InTransaction:
                await AuthAsync(argument, ct);
                return !loginFailedClose;
            case "STAT" or "LIST" or "RETR" or "DELE" or "NOOP" or "RSET" or "UIDL" or "TOP" when InTransaction || options.Has(Pop3Fault.CommandsBeforeLoginAccepted):
                messages ??= server.Maildrop.Messages;
                await new FakePop3Transaction(connection, options, messages, deleted, server.Maildrop, sessionSalt).HandleAsync(verb, argument, ct);
                return true;
            default:
                await ErrAsync(InTransaction ? "Unknown command" : "Unknown command or not logged in", ct);
                return true;
        }
    }

    private async Task CapaAsync(CancellationToken ct)
    {
        List<string> lines = ["USER", "TOP", "UIDL", "PIPELINING", "RESP-CODES", "AUTH-RESP-CODE"];
        if (!InTransaction && (connection.IsTls || options.PlaintextLogin))
        {
            lines.Add("SASL PLAIN");
        }

        if (options.OffersStls && (!connection.IsTls || options.Has(Pop3Fault.StlsStillOffered)) && !InTransaction)
        {
            lines.Add("STLS");
        }

        await OkAsync("Capability list follows", ct);
        await connection.WriteAsync(string.Concat(lines.Select(l => l + "\r\n")) + ".\r\n", ct);
    }

    private async Task StlsAsync(CancellationToken ct)
    {
        if (!options.OffersStls || connection.IsTls || options.Has(Pop3Fault.StlsRefused))
        {
            await ErrAsync("TLS not available", ct);
            return;
        }

        await OkAsync("Begin TLS negotiation", ct);
        await connection.UpgradeToTlsAsync(FakeCertificate.Server, ct, keepPlaintext: options.Has(Pop3Fault.StlsInjection));
        user = null;
    }

    private async Task UserAsync(string argument, CancellationToken ct)
    {
        if (!options.PlaintextLogin && !connection.IsTls)
        {
            await ErrAsync("[AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.", ct);
            return;
        }

        if (options.Has(Pop3Fault.RevealsUnknownUser) && argument != options.Identity.User)
        {
            await ErrAsync("no such user", ct);
            return;
        }

        user = argument;
        await OkAsync("send PASS", ct);
    }

    private async Task PassAsync(string argument, CancellationToken ct)
    {
        if (user is null)
        {
            await ErrAsync("USER first", ct);
            return;
        }

        var known = user == options.Identity.User;
        var right = known && argument == options.Identity.Password;
        user = null;
        await LoginAsync(right, ct, known);
    }

    /// <summary>RFC 1939 §7 APOP name digest: digest = MD5(timestamp + secret), lower-case hex.</summary>
    private async Task ApopAsync(string argument, CancellationToken ct)
    {
        var parts = argument.Split(' ');
#pragma warning disable CA5351 // APOP is MD5 by definition.
        var digest = Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(Encoding.UTF8.GetBytes(timestamp + (options.Identity.ApopSecret ?? options.Identity.Password))));
#pragma warning restore CA5351
        await LoginAsync(parts.Length == 2 && parts[0] == options.Identity.User && parts[1] == digest, ct);
    }

    /// <summary>RFC 5034 AUTH PLAIN, with or without an initial response (RFC 4616: authzid NUL authcid NUL passwd).</summary>
    private async Task AuthAsync(string argument, CancellationToken ct)
    {
        var words = argument.Split(' ', 2);
        if (!words[0].Equals("PLAIN", StringComparison.OrdinalIgnoreCase))
        {
            await ErrAsync("Unsupported authentication mechanism.", ct);
            return;
        }

        if (!options.PlaintextLogin && !connection.IsTls)
        {
            await ErrAsync("[AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.", ct);
            return;
        }

        var response = words.Length > 1 ? words[1] : null;
        if (response is null)
        {
            await connection.WriteAsync("+ \r\n", ct);
            response = await connection.ReadLineAsync(ct) ?? string.Empty;
        }

        if (response == "*")
        {
            await ErrAsync("Authentication aborted", ct);
            return;
        }

        string[] fields;
        try
        {
            fields = Encoding.UTF8.GetString(Convert.FromBase64String(response)).Split('\0');
        }
        catch (FormatException)
        {
            await ErrAsync("Invalid base64 data in continued response", ct);
            return;
        }

        await LoginAsync(fields.Length == 3 && fields[1] == options.Identity.User && fields[2] == options.Identity.Password, ct);
    }

    /// <summary>Set when a failed login is to end the session (<see cref="FakePop3Options.ClosesAfterFailedLogin"/>).</summary>
    private bool loginFailedClose;

    /// <summary>A login decided: a failure waits <see cref="FakePop3Options.AuthFailureDelay"/>; a success locks the maildrop.</summary>
    private async Task LoginAsync(bool right, CancellationToken ct, bool known = true)
    {
        if (!right || options.Has(Pop3Fault.RejectsPassword))
        {
            await Task.Delay(known || !options.DelaysOnlyKnownUsers ? options.AuthFailureDelay : TimeSpan.Zero, ct);
            await ErrAsync("[AUTH] Authentication failed.", ct);
            if (++failedLogins >= options.CloseAfterFailedLogins)
            {
                connection.Close();
            }

            loginFailedClose = options.ClosesAfterFailedLogin;
            return;
        }

        if (!options.Has(Pop3Fault.NoMaildropLock) && !server.Maildrop.TryLock())
        {
            await ErrAsync("[IN-USE] maildrop already locked", ct);
            return;
        }

        // RFC 1939 §5: messages are numbered as the maildrop is at login.
        holdsLock = !options.Has(Pop3Fault.NoMaildropLock);
        loggedIn = true;
        messages = server.Maildrop.Messages;
        deleted.Clear();
        await OkAsync("Logged in.", ct);
    }

    private async Task<bool> QuitAsync(CancellationToken ct)
    {
        if (InTransaction)
        {
            // RFC 1939 §6: the UPDATE state removes the messages marked as deleted.
            server.Maildrop.Remove(deleted.Select(n => messages![n - 1].Uid));

            // Like Mailutils rewriting the mbox: the lock is held until the UPDATE state ends, then +OK is sent.
            await Task.Delay(options.UpdateDuration, ct);
        }

        Release();
        if (options.Has(Pop3Fault.QuitWithoutReply))
        {
            return false;
        }

        await OkAsync("Logging out.", ct);
        return options.Has(Pop3Fault.QuitStaysOpen);
    }

    private Task OkAsync(string text, CancellationToken ct) => FakePop3Transaction.StatusAsync(connection, options, true, text, ct);

    private Task ErrAsync(string text, CancellationToken ct) => FakePop3Transaction.StatusAsync(connection, options, false, text, ct);
}
