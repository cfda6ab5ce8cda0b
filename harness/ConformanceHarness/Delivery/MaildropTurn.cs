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

    // The hold of the async flow that took the turn (it flows into the holder's steps); Left once the holder gave it up.
    private readonly AsyncLocal<Hold?> held = new();

    /// <summary>The one turn of the maildrop named <paramref name="key"/> (e.g. "host:port|user"), shared by every oracle of it.</summary>
    public static MaildropTurn For(string key) => Maildrops.GetOrAdd(key, _ => new MaildropTurn());

    /// <summary>Whether this async flow holds the turn (a POP3 scenario's run).</summary>
    public bool HeldHere => held.Value is { Left: false };

    /// <summary>Runs <paramref name="action"/> holding the turn (at once when this flow already holds it).</summary>
    public async Task<T> WithTurnAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (HeldHere)
        {
            return await action(cancellationToken).ConfigureAwait(false);
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var hold = new Hold();
        try
        {
            // Set inside this async method: it flows into the action and is gone again for the caller when it returns.
            held.Value = hold;
            return await action(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            held.Value = null;
            if (!hold.Left)
            {
                gate.Release();
            }
        }
    }

    /// <summary>
    /// Gives the turn this flow holds back before its run ends, for the rest of the run: for a scenario whose own POP3
    /// sessions have all ended and that only waits on the mailbox oracle from here on (its reads then take the turn
    /// like anyone's), so that a window proving that a deleted message stays deleted is not a window in which no other
    /// scenario may use the maildrop. The run never waits for the turn again while holding its connections, so no
    /// scenario holding the turn can wait for connections that this one keeps. Nothing when this flow does not hold it.
    /// </summary>
    public void Leave()
    {
        if (held.Value is { Left: false } hold)
        {
            hold.Left = true;
            gate.Release();
        }
    }

    private sealed class Hold
    {
        public bool Left { get; set; }
    }
}
