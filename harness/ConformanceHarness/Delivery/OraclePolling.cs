namespace ConformanceHarness.Delivery;

/// <summary>The wait every readable mailbox shares: read it all, look for the token, again until enough or the deadline.</summary>
internal static class OraclePolling
{
    /// <param name="readAll">Reads every message; may throw <paramref name="transient"/> errors (a locked maildrop), which are retried.</param>
    public static async Task<IReadOnlyList<DeliveredMessage>> WaitAsync(
        Func<CancellationToken, Task<IReadOnlyList<DeliveredMessage>>> readAll,
        Func<Exception, bool> transient,
        string token,
        int atLeast,
        TimeSpan within,
        CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + within;
        List<DeliveredMessage> found = [];
        while (true)
        {
            try
            {
                found = (await readAll(cancellationToken).ConfigureAwait(false))
                    .Where(m => m.Text.Contains(token, StringComparison.Ordinal))
                    .ToList();
            }
            catch (Exception e) when (transient(e) || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // Try again until the deadline.
            }

            if (found.Count >= atLeast || DateTimeOffset.UtcNow >= deadline)
            {
                return found;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(300), cancellationToken).ConfigureAwait(false);
        }
    }
}
