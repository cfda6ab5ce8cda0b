using System.Text;
using ConformanceHarness.Delivery;
using MimeKit;
using MimeKit.Cryptography;

namespace ConformanceHarness.SenderAuth;

/// <summary>
/// What a receiving server recorded in the delivered copy about sender authentication: each method's result from its
/// Authentication-Results fields (RFC 8601 §2.2, parsed by MimeKit) and, for spf, the Received-SPF field's result word
/// (RFC 7208 §9.1).
/// </summary>
public static class RecordedResults
{
    /// <summary>(method, result, field) for every result recorded, top of the header first; both lower case.</summary>
    public static IReadOnlyList<(string Method, string Result, string Field)> Read(DeliveredMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var found = new List<(string, string, string)>();
        foreach (var line in DeliveredHeaders.Named(message, ["Authentication-Results", "Received-SPF"]))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var name = line[..colon];
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Received-SPF", StringComparison.OrdinalIgnoreCase))
            {
                // RFC 7208 §9.1: Received-SPF: pass (comment) key=value…; the result is the first word.
                var word = value.Split([' ', '\t', '('], 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? string.Empty;
                found.Add(("spf", word.ToLowerInvariant(), line));
                continue;
            }

            if (AuthenticationResults.TryParse(Encoding.UTF8.GetBytes(value), out var results))
            {
                found.AddRange(results.Results.Select(r => (r.Method.ToLowerInvariant(), (r.Result ?? string.Empty).ToLowerInvariant(), line)));
            }
        }

        return found;
    }
}
