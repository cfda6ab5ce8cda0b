namespace ConformanceHarness.Delivery;

/// <summary>
/// The wait every readable mailbox shares: read it all, look for the token, again until enough or the deadline. One
/// instance per oracle: every scenario waiting on it at the same time is answered by the same reads (a read that
/// started less than one poll interval ago, or is still running, serves them all), so proving that N messages did not
/// arrive costs the reads of one window, not N windows of reads taking turns on the maildrop.
/// </summary>
internal sealed class OraclePolling(Func<CancellationToken, Task<IReadOnlyList<DeliveredMessage>>> readAll, Func<Exception, bool> transient)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(300);

    private readonly Lock gate = new();
    private Task<IReadOnlyList<DeliveredMessage>?>? lastRead;
    private DateTimeOffset lastStarted = DateTimeOffset.MinValue;

    /// <summary>Waits up to <paramref name="within"/> for <paramref name="atLeast"/> messages carrying <paramref name="token"/>; returns those seen.</summary>
    public async Task<IReadOnlyList<DeliveredMessage>> WaitAsync(string token, int atLeast, TimeSpan within, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + within;
        List<DeliveredMessage> found = [];
        while (true)
        {
            var started = DateTimeOffset.UtcNow;
            if (await SharedReadAsync(started).WaitAsync(cancellationToken).ConfigureAwait(false) is { } all)
            {
                found = all.Where(m => m.Text.Contains(token, StringComparison.Ordinal)).ToList();
            }

            if (found.Count >= atLeast || DateTimeOffset.UtcNow >= deadline)
            {
                return found;
            }

            await Task.Delay(Interval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The read in flight, or one that started within the last interval, or a new one.</summary>
    private Task<IReadOnlyList<DeliveredMessage>?> SharedReadAsync(DateTimeOffset now)
    {
        lock (gate)
        {
            if (lastRead is null || (lastRead.IsCompleted && now - lastStarted >= Interval))
            {
                lastStarted = now;
                lastRead = ReadOnceAsync();
            }

            return lastRead;
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
