namespace ConformanceHarness.Running;

/// <summary>
/// The scenarios at once on one target, with room for those that only wait. A scenario waiting on a delivery oracle
/// (a message that must arrive, or proof that none does: a smuggled second message, a relayed copy) sends and reads
/// nothing, so it lends its slot to the next scenario for the wait; when the wait ends it goes on at once, borrowing
/// the next slot that is freed. Waits of one target thus overlap instead of queueing behind each other, the waiting
/// scenario's own timing is what it was, and at most <c>count</c> scenarios talk to the server at once (plus those
/// back from a wait, until the slots they borrowed are paid back). At most <c>maxWaiting</c> lend their slot at once:
/// a waiting scenario may keep its connection open, and servers cap connections (Exim's smtp_accept_max is 20).
/// </summary>
internal sealed class ConcurrencySlots(int count, int maxWaiting) : IDisposable
{
    // The slots of the scenario running in this async flow (set in RunAsync, flows into its steps).
    private static readonly AsyncLocal<ConcurrencySlots?> Current = new();

    private readonly SemaphoreSlim free = new(count, count);
    private readonly Lock gate = new();
    private int owed;
    private int waiting;

    /// <summary>Scenarios the session schedules at once: those in a slot and those lending theirs.</summary>
    public int Scheduled => count + maxWaiting;

    /// <summary>Runs <paramref name="action"/> in a slot.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> action, CancellationToken cancellationToken)
    {
        await free.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Current.Value = this;
            return await action().ConfigureAwait(false);
        }
        finally
        {
            Current.Value = null;
            Exit();
        }
    }

    /// <summary>
    /// A wait that uses no connection: the scenario running here (if it runs in a slot) lends its slot for it. Outside a
    /// session, or with <c>maxWaiting</c> scenarios already lending theirs, it just waits.
    /// </summary>
    public static Task<T> WhileWaitingAsync<T>(Func<Task<T>> wait)
    {
        ArgumentNullException.ThrowIfNull(wait);
        return Current.Value is { } slots ? slots.LendAsync(wait) : wait();
    }

    private async Task<T> LendAsync<T>(Func<Task<T>> wait)
    {
        bool lent;
        lock (gate)
        {
            // Too many open but idle connections already: keep the slot.
            lent = waiting < maxWaiting;
            if (lent)
            {
                waiting++;
                Exit();
            }
        }

        if (!lent)
        {
            return await wait().ConfigureAwait(false);
        }

        try
        {
            return await wait().ConfigureAwait(false);
        }
        finally
        {
            lock (gate)
            {
                waiting--;
                if (!free.Wait(0))
                {
                    // Go on at once, and let the next scenario that ends pay the slot back instead of freeing it.
                    owed++;
                }
            }
        }
    }

    private void Exit()
    {
        // Lock is re-entrant: LendAsync calls this holding the gate.
        lock (gate)
        {
            if (owed > 0)
            {
                owed--;
                return;
            }

            free.Release();
        }
    }

    public void Dispose() => free.Dispose();
}
