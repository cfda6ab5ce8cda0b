using System.Text;

namespace ConformanceHarness.Delivery;

/// <summary>The header section of a delivered message as a recipient sees it: unfolded lines, top first.</summary>
public static class DeliveredHeaders
{
    /// <summary>Every header line of <paramref name="message"/>, unfolded (RFC 5322 §2.2.3), in order from the top.</summary>
    public static IReadOnlyList<string> All(DeliveredMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var lines = new List<string>();
        foreach (var raw in message.Text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (raw.Length == 0)
            {
                break;
            }

            if ((raw[0] == ' ' || raw[0] == '\t') && lines.Count > 0)
            {
                lines[^1] = new StringBuilder(lines[^1]).Append(' ').Append(raw.Trim()).ToString();
            }
            else
            {
                lines.Add(raw.TrimEnd());
            }
        }

        return lines;
    }

    /// <summary>The header lines whose field name is one of <paramref name="names"/> (case-insensitive), in order from the top.</summary>
    public static IReadOnlyList<string> Named(DeliveredMessage message, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return All(message).Where(l => names.Any(n => l.StartsWith(n + ":", StringComparison.OrdinalIgnoreCase))).ToList();
    }
}
