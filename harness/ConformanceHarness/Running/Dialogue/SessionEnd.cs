using System.Net.Sockets;
using System.Security.Authentication;
using ConformanceHarness.Protocols;

namespace ConformanceHarness.Running.Dialogue;

/// <summary>
/// Ends an SMTP session that a dialogue left open (it stopped early: the rule held on a FINDING line, a Fail, a
/// Warn) with QUIT, after the result is made — nothing here is graded or enters the transcript. RFC 5321 §3.8: "An
/// SMTP client ... SHOULD NOT intentionally close the transmission channel until it sends a QUIT command". Servers
/// count a session closed without QUIT against their per-address limit for a long time: Courier (MAXPERIP=5) kept
/// such a slot over 60 s, but freed it at once on QUIT (or when its tarpit pause ended), measured on the bundled image.
/// POP3 sessions are left as they are: QUIT there enters the UPDATE state and commits deletions (RFC 1939 §6).
/// </summary>
internal static class SessionEnd
{
    /// <summary>How long the 221 (or the close) is waited for: enough for any server not pausing on purpose.</summary>
    internal static readonly TimeSpan ReplyWait = TimeSpan.FromMilliseconds(250);

    public static async Task QuitAsync(DialogueConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection.Wire.IsClosed || connection.Role.Protocol != MailProtocol.Smtp || !connection.Ledger.AcceptsCommand || connection.Ledger.SaidQuit)
        {
            // Closed or dropped (DROP), not SMTP, inside message text (a QUIT line would be text), or QUIT already said.
            return;
        }

        using var wait = new CancellationTokenSource(ReplyWait);
        try
        {
            await connection.Wire.SendUnrecordedAsync("QUIT\r\n"u8.ToArray(), wait.Token).ConfigureAwait(false);

            // Read the reply and the close, so that the socket closes with a FIN (unread bytes would make it a reset,
            // which may drop the QUIT before the server reads it); a server still pausing is left to read it later.
            await connection.Wire.WaitForCloseAsync(wait.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException or AuthenticationException or InvalidOperationException)
        {
            // The session is over either way: whatever the server does now is not graded.
        }
    }
}
