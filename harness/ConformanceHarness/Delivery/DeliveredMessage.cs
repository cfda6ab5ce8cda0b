namespace ConformanceHarness.Delivery;

/// <summary>A message as it arrived: the envelope (when known) and the exact bytes of its content.</summary>
public sealed record DeliveredMessage(string? MailFrom, IReadOnlyList<string> Recipients, byte[] Content, DateTimeOffset ReceivedAt)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Content);
}
