using ConformanceHarness.Delivery;
using ConformanceHarness.Wire;

namespace ConformanceHarness.Running.Dialogue;

/// <summary>
/// When a scenario that holds the maildrop's turn may lend it for an oracle wait: once every POP3 session of its own
/// has ended. RFC 1939 §6: the server answers QUIT only after the UPDATE state has removed the marked messages (a
/// server that keeps its lock while it rewrites the maildrop has released it by then), and a session reset without
/// QUIT enters no UPDATE state at all; either way the maildrop is no longer locked by this scenario.
/// </summary>
internal static class MaildropLending
{
    /// <summary>Runs <paramref name="wait"/>, lending the turn when the scenario holds it and its POP3 sessions have ended.</summary>
    public static Task<T> WhileWaitingAsync<T>(DialogueContext context, IDeliveryOracle oracle, Func<Task<T>> wait) =>
        oracle is MailboxOracle { Turn: { HeldHere: true } turn } && SessionsEnded(context) ? turn.LendAsync(wait) : wait();

    private static bool SessionsEnded(DialogueContext context)
    {
        var entries = context.Transcript.Entries;
        return context.Connections.Values.Where(c => c.Role.IsPop3).All(c => Ended(entries, c.Name, c.Wire.IsClosed));
    }

    /// <summary>Whether the POP3 session on <paramref name="connection"/> is over: closed (by either side), or its QUIT answered.</summary>
    public static bool Ended(IReadOnlyList<TranscriptEntry> entries, string connection, bool closed)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (closed)
        {
            return true;
        }

        var quitSent = false;
        var answered = false;
        foreach (var entry in entries.Where(e => e.Connection == connection && e.Direction != TranscriptDirection.Note))
        {
            if (entry.Direction == TranscriptDirection.Client)
            {
                // The last command decides: any command after QUIT (none is expected) makes the session live again.
                quitSent = entry.Bytes.Length >= 4 && System.Text.Encoding.ASCII.GetString(entry.Bytes, 0, 4).Equals("QUIT", StringComparison.OrdinalIgnoreCase);
                answered = false;
            }
            else if (quitSent)
            {
                answered = true;
            }
        }

        return answered;
    }
}
