using MimeKit;

namespace ConformanceHarness.Delivery;

/// <summary>A message as it arrived: the envelope (when known) and the exact bytes of its content.</summary>
public sealed record DeliveredMessage(string? MailFrom, IReadOnlyList<string> Recipients, byte[] Content, DateTimeOffset ReceivedAt)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Content);

    /// <summary>
    /// A delivery status notification (RFC 3464: multipart/report; report-type=delivery-status), i.e. a bounce
    /// that may quote the original: it proves a later bounce, not a relay.
    /// </summary>
    public bool IsBounce
    {
        get
        {
            try
            {
                using var stream = new MemoryStream(Content);
                var headers = HeaderList.Load(stream);
                var type = headers[HeaderId.ContentType] ?? string.Empty;
                return type.Contains("multipart/report", StringComparison.OrdinalIgnoreCase)
                    && type.Contains("delivery-status", StringComparison.OrdinalIgnoreCase);
            }
            catch (FormatException)
            {
                return false;
            }
        }
    }
}
