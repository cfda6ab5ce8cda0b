using ConformanceHarness.Delivery;
using MimeKit;
using MimeKit.Cryptography;

namespace ConformanceHarness.SenderAuth;

/// <summary>Verifies the DKIM signatures of a delivered copy (MimeKit's DkimVerifier) against the test zone's key.</summary>
public static class DkimCheck
{
    /// <summary>
    /// Null when the copy carries a DKIM-Signature with <c>d=</c><paramref name="domain"/> that verifies (RFC 6376 §6.1),
    /// else what was found. A copy MimeKit cannot parse is described, never thrown.
    /// </summary>
    public static string? ValidSignatureBy(DeliveredMessage message, string domain, IDkimPublicKeyLocator locator)
    {
        ArgumentNullException.ThrowIfNull(message);
        MimeMessage parsed;
        try
        {
            using var stream = new MemoryStream(message.Content);
            parsed = MimeMessage.Load(stream);
        }
        catch (FormatException e)
        {
            return $"the delivered copy is not a message MimeKit can parse: {e.Message}";
        }

        var verifier = new DkimVerifier(locator);
        var seen = new List<string>();
        foreach (var header in parsed.Headers.Where(h => h.Id == HeaderId.DkimSignature))
        {
            var d = Tag(header.Value, "d");
            bool valid;
            try
            {
                valid = verifier.Verify(parsed, header);
            }
            catch (Exception e) when (e is FormatException or ParseException or NotSupportedException or ArgumentException or InvalidOperationException)
            {
                seen.Add($"d={d}: not verifiable ({e.Message})");
                continue;
            }

            if (valid && d.Equals(domain, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            seen.Add($"d={d}: {(valid ? "valid" : "does not verify")}");
        }

        return seen.Count == 0
            ? $"the delivered copy carries no DKIM-Signature (none for d={domain})"
            : $"no valid DKIM-Signature with d={domain}: {string.Join("; ", seen)}";
    }

    /// <summary>One tag's value of a tag=value list (RFC 6376 §3.2), white space removed; empty when absent.</summary>
    internal static string Tag(string tagList, string name)
    {
        foreach (var part in tagList.Split(';'))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && part[..eq].Trim().Equals(name, StringComparison.Ordinal))
            {
                return string.Concat(part[(eq + 1)..].Where(c => !char.IsWhiteSpace(c)));
            }
        }

        return string.Empty;
    }
}
