namespace ConformanceHarness.Delivery;

/// <summary>
/// Tells whether messages carrying a token arrived somewhere the harness can see (the capture sink,
/// the test user's mailbox). Turns "250 at RCPT" into "the message was really relayed".
/// </summary>
public interface IDeliveryOracle
{
    /// <summary>
    /// Waits up to <paramref name="within"/> for at least <paramref name="atLeast"/> messages containing
    /// <paramref name="token"/>, and returns those seen so far (possibly fewer).
    /// </summary>
    Task<IReadOnlyList<DeliveredMessage>> WaitAsync(string token, int atLeast, TimeSpan within, CancellationToken cancellationToken);
}
