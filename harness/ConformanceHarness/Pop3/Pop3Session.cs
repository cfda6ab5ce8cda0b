using System.Text;
using ConformanceHarness.Wire;

namespace ConformanceHarness.Pop3;

/// <summary>
/// The client half of a POP3 session (RFC 1939), shared by the capability probe, the mailbox oracle and LOCATE:
/// commands and their responses, CAPA, STLS and USER/PASS. It reports what the server said; callers decide what a
/// refusal means for them. Timeouts are the caller's (its token).
/// </summary>
public sealed class Pop3Session(WireConnection connection, WireOptions options)
{
    public WireConnection Connection { get; } = connection;

    /// <summary>Sends one command line (CRLF appended).</summary>
    public Task SendAsync(string command, CancellationToken cancellationToken) =>
        Connection.SendAsync(Encoding.UTF8.GetBytes(command + "\r\n"), cancellationToken);

    /// <summary>Reads a status line, and the body when <paramref name="multiLine"/> and the status is +OK.</summary>
    public Task<(Pop3Reply? Reply, ReadFailure? Failure)> ReadAsync(bool multiLine, CancellationToken cancellationToken) =>
        Pop3ReplyReader.ReadAsync(Connection, options, multiLine, cancellationToken);

    /// <summary>One command and its response.</summary>
    public async Task<(Pop3Reply? Reply, ReadFailure? Failure)> CommandAsync(string command, bool multiLine, CancellationToken cancellationToken)
    {
        await SendAsync(command, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(multiLine, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>RFC 2449 §5: the capability tags (first word of each line, upper case); empty when CAPA is refused.</summary>
    public async Task<HashSet<string>> CapaAsync(CancellationToken cancellationToken)
    {
        var (reply, _) = await CommandAsync("CAPA", multiLine: true, cancellationToken).ConfigureAwait(false);
        return reply?.Body is null ? [] : [.. reply.Body.Select(l => l.Split(' ', 2)[0].ToUpperInvariant()).Where(t => t.Length > 0)];
    }

    /// <summary>
    /// RFC 2595 §4: STLS, then the handshake if the server said +OK. Returns the refusal or read failure when it did
    /// not; null once the connection is inside TLS.
    /// </summary>
    public async Task<string?> StlsAsync(string hostname, CancellationToken cancellationToken)
    {
        var (go, failure) = await CommandAsync("STLS", multiLine: false, cancellationToken).ConfigureAwait(false);
        if (go is not { Ok: true })
        {
            return go is null ? $"STLS: {failure}" : $"STLS refused: {go.Raw}";
        }

        await Connection.UpgradeToTlsAsync(hostname, cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// RFC 1939 §7: USER then PASS. Returns what went wrong (which of the two, and the server's words or the read
    /// failure; never the password); null once the session is in the TRANSACTION state.
    /// </summary>
    public async Task<string?> LoginAsync(string user, string password, CancellationToken cancellationToken)
    {
        foreach (var (command, shown) in new[] { ($"USER {user}", $"USER {user}"), ($"PASS {password}", "PASS") })
        {
            var (reply, failure) = await CommandAsync(command, multiLine: false, cancellationToken).ConfigureAwait(false);
            if (reply is not { Ok: true })
            {
                return reply is null ? $"{shown}: {failure}" : $"{shown} refused: {reply.Raw}";
            }
        }

        return null;
    }

    /// <summary>
    /// QUIT, and its response awaited: RFC 1939 §6 — the server removes marked messages and releases its lock in the
    /// UPDATE state, then answers. Leaving before the answer lets the next session meet our own lock (Mailutils then
    /// refuses the next login with "-ERR [IN-USE]"). A failure to read it is left to the caller's next session.
    /// </summary>
    public async Task QuitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await CommandAsync("QUIT", multiLine: false, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            // The server closed at once: the session is over either way.
        }
    }
}
