using System.Text;

namespace ConformanceHarness.Running.Dialogue;

/// <summary>
/// Polite mode's guard on the bytes about to be written (see <see cref="PoliteMode"/>): no DATA or BDAT line leaves
/// unless every RCPT of the transaction names the confirmation address. Works on the bytes, not on the steps, so no
/// scenario can get around it.
/// </summary>
internal static class PoliteGuard
{
    /// <summary>
    /// Splits what is about to be written at the first DATA/BDAT line that polite mode forbids: everything before it
    /// may go out; that line and everything after it never do. Tracks the connection's RCPTs for the exception.
    /// </summary>
    public static (byte[] Allowed, string? Withheld) Split(byte[] bytes, PoliteMode polite, DialogueConnection connection)
    {
        var start = 0;
        while (start < bytes.Length)
        {
            var end = Array.IndexOf(bytes, (byte)'\n', start);
            var next = end < 0 ? bytes.Length : end + 1;
            var line = Encoding.Latin1.GetString(bytes, start, next - start).Trim().ToUpperInvariant();

            // RFC 5321 §4.1.4: MAIL, RSET, EHLO and HELO each begin a new transaction (no recipients yet).
            if (line.StartsWith("MAIL", StringComparison.Ordinal) || line.StartsWith("RSET", StringComparison.Ordinal)
                || line.StartsWith("EHLO", StringComparison.Ordinal) || line.StartsWith("HELO", StringComparison.Ordinal))
            {
                connection.Recipients.Clear();
            }
            else if (line.StartsWith("RCPT", StringComparison.Ordinal))
            {
                connection.Recipients.Add(line);
            }
            else if (line == "DATA" || line.StartsWith("DATA ", StringComparison.Ordinal) || line.StartsWith("BDAT", StringComparison.Ordinal))
            {
                var confirmable = polite.ConfirmRecipient is not null && connection.Recipients.Count > 0 && connection.Recipients.All(polite.IsConfirmRecipient);
                if (!confirmable)
                {
                    var why = polite.ConfirmRecipient is null
                        ? $"{line.Split(' ')[0]} is never sent without --confirm-to"
                        : $"{line.Split(' ')[0]} is sent only when every recipient is {polite.ConfirmRecipient}";
                    return (bytes[..start], why);
                }
            }

            start = next;
        }

        return (bytes, null);
    }
}
