using ConformanceHarness.Delivery;
using ConformanceHarness.Wire;

namespace ConformanceHarness.Running.Dialogue;

/// <summary>What DELIVERED and CONFIRM share: asking an oracle, leaving bounces out, noting what a recipient sees.</summary>
internal static class DeliveredCopies
{
    /// <summary>
    /// The messages carrying <paramref name="token"/> that reached <paramref name="where"/>, bounces left out: a bounce
    /// quoting the message proves a later bounce, not a delivery, so it is counted apart and never as a delivered copy.
    /// The copies become the last delivered ones for ASSERT.
    /// </summary>
    /// <returns>The copies and bounces, or (<c>Unreadable</c>) the framing error that kept the oracle from reading the mailbox.</returns>
    public static async Task<(List<DeliveredMessage> Messages, int Bounces, StepProblem? Unreadable)> WaitAsync(
        DialogueContext context, Scenarios.Step step, IDeliveryOracle oracle, string where, string token, int atLeast, TimeSpan within, CancellationToken cancellationToken)
    {
        IReadOnlyList<DeliveredMessage> all;
        try
        {
            // The wait sends and reads nothing: the scenario's slot goes to the next scenario meanwhile, so the waits of one
            // target overlap (a smuggled message that must not arrive is proven absent once per window, not once per scenario);
            // a POP3 scenario whose own sessions have ended gives up the maildrop's turn too (MaildropLending).
            MaildropLending.BeforeWait(context, step, oracle);
            all = await ConcurrencySlots.WhileWaitingAsync(() => oracle.WaitAsync(token, atLeast, within, cancellationToken)).ConfigureAwait(false);
        }
        catch (FramingException e)
        {
            context.Transcript.Note($"{where}: the oracle could not read the mailbox: {e.Failure}");
            return ([], 0, context.ReadProblem(e.Failure, $"the {where} oracle to read the mailbox"));
        }

        var messages = all.Where(m => !m.IsBounce).ToList();
        var bounces = all.Count - messages.Count;
        context.Transcript.Note($"{where}: {messages.Count} message(s) carrying {token}{(bounces > 0 ? $" and {bounces} bounce(s)" : string.Empty)} after up to {within.TotalSeconds:0.#}s");
        context.LastDelivered = messages;
        return (messages, bounces, null);
    }

    /// <summary>What a recipient of the delivered copy sees: the named header lines (e.g. From, Received) of the first message.</summary>
    public static void NoteHeaders(DialogueContext context, string where, List<DeliveredMessage> messages, IReadOnlyList<string>? show)
    {
        if (show is null || show.Count == 0 || messages.Count == 0)
        {
            return;
        }

        var lines = DeliveredHeaders.Named(messages[0], show);
        context.Notes.Add($"a recipient sees ({where} copy): {(lines.Count == 0 ? "none of " + string.Join(", ", show) : string.Join(" | ", lines))}");
    }
}
