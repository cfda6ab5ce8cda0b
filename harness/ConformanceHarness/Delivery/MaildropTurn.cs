using System.Collections.Concurrent;

namespace ConformanceHarness.Delivery;

/// <summary>
/// The turn to open one test user's maildrop. RFC 1939 §8 lets a server lock the maildrop for a whole POP3 session, and
/// two overlapping sessions on one mbox can each hold a read lock and wait for the other (Dovecot then stalls until the
/// step timeout), so a correct server would be graded for the harness's own overlap. A POP3 scenario holds the turn for
/// its whole run; a mailbox-oracle read holds it only for that one read, so a scenario waiting for a message (or for
/// proof that none arrives) does not keep the maildrop from the others. The turn is re-entrant for the async flow that
/// holds it: an oracle read inside a POP3 scenario that holds the turn goes straight on.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "A turn lives as long as the maildrop it names (process-wide registry); SemaphoreSlim without AvailableWaitHandle holds no OS handle.")]
public sealed class MaildropTurn
{
    private static readonly ConcurrentDictionary<string, MaildropTurn> Maildrops = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly AsyncLocal<bool> heldHere = new();

    /// <summary>The one turn of the maildrop named <paramref name="key"/> (e.g. "host:port|user"), shared by every oracle of it.</summary>
    public static MaildropTurn For(string key) => Maildrops.GetOrAdd(key, _ => new MaildropTurn());

    /// <summary>Whether this async flow holds the turn (a POP3 scenario's run).</summary>
    public bool HeldHere => heldHere.Value;

    /// <summary>Runs <paramref name="action"/> holding the turn (at once when this flow already holds it).</summary>
    public async Task<T> WithTurnAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (heldHere.Value)
        {
            return await action(cancellationToken).ConfigureAwait(false);
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Set inside this async method: it flows into the action and is gone again for the caller when it returns.
            heldHere.Value = true;
            return await action(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            heldHere.Value = false;
            gate.Release();
        }
    }

    /// <summary>
    /// Runs <paramref name="wait"/> with the turn this flow holds lent to the others, and takes it back before going on
    /// (at once when this flow does not hold it). For a scenario whose own POP3 sessions have all ended and that now only
    /// waits on the mailbox oracle: its reads take the turn like anyone's, and other scenarios' sessions run meanwhile,
    /// so a window proving that a message stays deleted is no longer a window in which nobody else may use the maildrop.
    /// </summary>
    public async Task<T> LendAsync<T>(Func<Task<T>> wait)
    {
        ArgumentNullException.ThrowIfNull(wait);
        if (!heldHere.Value)
        {
            return await wait().ConfigureAwait(false);
        }

        // Cleared inside this async method only: the wait's own reads queue for the turn; the caller still holds it on return.
        heldHere.Value = false;
        gate.Release();
        try
        {
            return await wait().ConfigureAwait(false);
        }
        finally
        {
            // Taken back whatever happened: the holder's WithTurnAsync releases it once more when the scenario ends.
            await gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }
}
