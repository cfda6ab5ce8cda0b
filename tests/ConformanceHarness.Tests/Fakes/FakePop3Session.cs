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

    private bool InTransaction => messages is not null && holdsLock;

    public async Task RunAsync(CancellationToken ct)
    {
        if (options.Has(Pop3Fault.GreetingNegative))
        {
            await ErrAsync("service unavailable", ct);
            return;
        }

        await OkAsync("POP3 fake ready", ct);
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
                return true;
            case "STAT" or "LIST" or "RETR" or "DELE" or "NOOP" or "RSET" or "UIDL" when InTransaction || options.Has(Pop3Fault.CommandsBeforeLoginAccepted):
                messages ??= server.Maildrop.Messages;
                await new FakePop3Transaction(connection, options, messages, deleted).HandleAsync(verb, argument, ct);
                return true;
            default:
                await ErrAsync(InTransaction ? "Unknown command" : "Unknown command or not logged in", ct);
                return true;
        }
    }

    private async Task CapaAsync(CancellationToken ct)
    {
        List<string> lines = ["USER", "UIDL", "PIPELINING", "RESP-CODES", "AUTH-RESP-CODE"];
        if (options.OffersStls && !connection.IsTls && !InTransaction)
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
        await connection.UpgradeToTlsAsync(FakeCertificate.Server, ct);
        user = null;
    }

    private async Task UserAsync(string argument, CancellationToken ct)
    {
        if (!options.PlaintextLogin && !connection.IsTls)
        {
            await ErrAsync("[AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.", ct);
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

        var right = user == options.Identity.User && argument == options.Identity.Password && !options.Has(Pop3Fault.RejectsPassword);
        user = null;
        if (!right)
        {
            await ErrAsync("[AUTH] Authentication failed.", ct);
            return;
        }

        if (!server.Maildrop.TryLock())
        {
            await ErrAsync("[IN-USE] maildrop already locked", ct);
            return;
        }

        // RFC 1939 §5: messages are numbered as the maildrop is at login.
        holdsLock = true;
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
