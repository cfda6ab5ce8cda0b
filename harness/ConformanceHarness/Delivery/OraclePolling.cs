namespace ConformanceHarness.Delivery;

/// <summary>
/// The wait every readable mailbox shares: read it all, look for the token, again until enough or the deadline. One
/// instance per oracle: every scenario waiting on it at the same time is answered by the same reads (a read that
/// started after a waiter began waiting, and less than one poll interval ago or still running, serves them all), so
/// proving that N messages did not arrive costs the reads of one window, not N windows of reads taking turns on the maildrop.
/// </summary>
internal sealed class OraclePolling(Func<CancellationToken, Task<IReadOnlyList<DeliveredMessage>>> readAll, Func<Exception, bool> transient)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(300);

    private readonly Lock gate = new();
    private Task<IReadOnlyList<DeliveredMessage>?>? lastRead;
    private DateTimeOffset lastStarted = DateTimeOffset.MinValue;

    /// <summary>Waits up to <paramref name="within"/> for <paramref name="atLeast"/> messages carrying <paramref name="token"/>; returns those seen.</summary>
    /// <param name="alone">
    /// Read for this waiter only: a POP3 scenario that holds the maildrop's turn must neither wait for a read queued
    /// behind its own turn nor lend that turn to other waiters' reads.
    /// </param>
    public async Task<IReadOnlyList<DeliveredMessage>> WaitAsync(string token, int atLeast, TimeSpan within, CancellationToken cancellationToken, bool alone = false)
    {
        var deadline = DateTimeOffset.UtcNow + within;
        List<DeliveredMessage> found = [];

        // Only a read that started after the wait did (and after the last one this waiter saw) says anything new: a
        // message deleted just before the wait (DELE, QUIT) may still be in an older read.
        var notBefore = DateTimeOffset.UtcNow;
        while (true)
        {
            var (started, read) = alone ? (DateTimeOffset.UtcNow, ReadOnceAsync()) : SharedRead(notBefore);
            if (await read.WaitAsync(cancellationToken).ConfigureAwait(false) is { } all)
            {
                found = all.Where(m => m.Text.Contains(token, StringComparison.Ordinal)).ToList();
            }

            if (found.Count >= atLeast || DateTimeOffset.UtcNow >= deadline)
            {
                return found;
            }

            notBefore = started.AddTicks(1);
            await Task.Delay(Interval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The read in flight or one done less than an interval ago, if it started no earlier than <paramref name="notBefore"/>; else a new one.</summary>
    private (DateTimeOffset Started, Task<IReadOnlyList<DeliveredMessage>?> Read) SharedRead(DateTimeOffset notBefore)
    {
        lock (gate)
        {
            var now = DateTimeOffset.UtcNow;
            if (lastRead is null || lastStarted < notBefore || (lastRead.IsCompleted && now - lastStarted >= Interval))
            {
                lastStarted = now;
                lastRead = ReadOnceAsync();
            }

            return (lastStarted, lastRead);
        }
    }

    /// <summary>One read of everything; null when it failed in a way that is retried (a locked maildrop, a read timeout).</summary>
    private async Task<IReadOnlyList<DeliveredMessage>?> ReadOnceAsync()
    {
        // Not any one waiter's token: a waiter that gives up must not cancel the read the others are waiting for.
        // The read bounds itself (each oracle's read has its own timeout).
        try
        {
            return await readAll(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (transient(e) || e is OperationCanceledException)
        {
            return null;
        }
    }
}
