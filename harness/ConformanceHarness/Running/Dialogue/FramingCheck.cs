using ConformanceHarness.Protocols;
using ConformanceHarness.Wire;

namespace ConformanceHarness.Running.Dialogue;

/// <summary>
/// Framing is checked, not assumed: when a connection owes no reply (<see cref="ReplyLedger.InSync"/>), any byte the
/// server has sent answers no command — a reply that goes on after its last line, a second reply to one command,
/// output before a command. Replies read after it would be matched to the wrong commands, so the dialogue stops with
/// a framing error that names the rule. Looks only at what has already arrived: the happy path waits for nothing.
/// </summary>
internal static class FramingCheck
{
    /// <summary>Right after a reply to <paramref name="answered"/> was read.</summary>
    public static Task<StepProblem?> AfterReplyAsync(DialogueContext context, DialogueConnection connection, string? answered, CancellationToken cancellationToken) =>
        CheckAsync(context, connection, answered is null ? "an unsolicited reply" : $"the reply to {answered}", answered ?? "reply", cancellationToken);

    /// <summary>Before the next command is written: output that arrived since the last reply was read.</summary>
    public static Task<StepProblem?> BeforeSendAsync(DialogueContext context, DialogueConnection connection, CancellationToken cancellationToken) =>
        CheckAsync(context, connection, $"the reply to {connection.Ledger.LastAnswered ?? "the last command"}", connection.Ledger.LastAnswered ?? "reply", cancellationToken);

    private static async Task<StepProblem?> CheckAsync(DialogueContext context, DialogueConnection connection, string after, string verb, CancellationToken cancellationToken)
    {
        if (!connection.Ledger.InSync || connection.Wire.IsClosed)
        {
            return null;
        }

        var unread = await connection.Wire.TakeUnreadAsync(cancellationToken).ConfigureAwait(false);
        if (unread.Length == 0)
        {
            return null;
        }

        var shown = Transcript.Visible(unread);
        if (await IsLastWordAsync(connection, unread, cancellationToken).ConfigureAwait(false))
        {
            context.Transcript.Note($"unsolicited {shown.Split(' ')[0]} after {after}: the server's last word before it closes", connection.Name);
            return null;
        }

        var protocol = connection.Role.Protocol == MailProtocol.Smtp ? "smtp" : "pop3";
        var rule = connection.Dialect.FramingRule;
        var cause = ResultCause.Framing(
            protocol,
            $"after-{verb}",
            $"framing error: the {protocol.ToUpperInvariant()} server sends more after {(verb == "greeting" ? "its greeting" : $"its reply to {verb}")} than one reply ({rule})");
        return new StepProblem(Verdict.Fail, $"framing error: {unread.Length} byte(s) after {after} answer no command ({rule})", "nothing until the next command", shown)
        {
            Cause = cause,
        };
    }

    /// <summary>
    /// A server that hangs up may say why first: RFC 5321 §3.8 allows a 421 at any time; a POP3 server that closes after
    /// too many bad commands sends one -ERR line (Dovecot: "-ERR Too many invalid bad commands."), then closes. One such
    /// line followed by the close (waited for only here, never on the happy path) is not out of step.
    /// </summary>
    private static async Task<bool> IsLastWordAsync(DialogueConnection connection, byte[] unread, CancellationToken cancellationToken)
    {
        var text = System.Text.Encoding.Latin1.GetString(unread);
        var oneLine = text.EndsWith("\r\n", StringComparison.Ordinal) && text.IndexOf('\n') == text.Length - 1;
        if (!oneLine)
        {
            return false;
        }

        if (connection.Role.Protocol == MailProtocol.Smtp)
        {
            return text.StartsWith("421", StringComparison.Ordinal);
        }

        if (!text.StartsWith("-ERR", StringComparison.Ordinal))
        {
            return false;
        }

        var (more, closed) = await connection.Wire.CollectAsync(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
        return closed && more.Length == 0;
    }
}
