using ConformanceHarness.Delivery;
using ConformanceHarness.SenderAuth;

namespace ConformanceHarness.Scenarios;

/// <summary>Checks of what a receiving server recorded about sender authentication in the delivered copy.</summary>
public static partial class ReplyChecks
{
    /// <summary>
    /// <c>auth-result METHOD=RESULT[|RESULT…]</c>: the delivered copy records that result for that method (spf, dkim,
    /// dmarc) in an Authentication-Results field (RFC 8601 §2.2) or, for spf, in Received-SPF (RFC 7208 §9.1).
    /// </summary>
    private static string? AuthResult(string argument, IReadOnlyList<DeliveredMessage> delivered)
    {
        var eq = argument.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0 || eq == argument.Length - 1)
        {
            throw new CheckArgumentException("auth-result needs 'METHOD=RESULT', e.g. 'spf=fail' or 'dkim=fail|permerror'");
        }

        if (delivered.Count == 0)
        {
            return "no delivered message to look at (use DELIVERED first)";
        }

        var method = argument[..eq].Trim().ToLowerInvariant();
        var wanted = argument[(eq + 1)..].Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(r => r.ToLowerInvariant()).ToHashSet();
        var recorded = RecordedResults.Read(delivered[0]).Where(r => r.Method == method).ToList();
        if (recorded.Any(r => wanted.Contains(r.Result)))
        {
            return null;
        }

        return recorded.Count == 0
            ? $"the delivered copy records no {method} result (no Authentication-Results{(method == "spf" ? " or Received-SPF" : string.Empty)} field names {method})"
            : $"the delivered copy records {string.Join(", ", recorded.Select(r => $"{method}={r.Result}"))}, not {method}={string.Join("|", wanted)}: '{recorded[0].Field}'";
    }

    /// <summary><c>dkim-valid DOMAIN</c>: the delivered copy carries a DKIM signature by DOMAIN that still verifies against the test zone's key.</summary>
    private static string? DkimValid(string argument, IReadOnlyList<DeliveredMessage> delivered)
    {
        var domain = argument.Trim();
        if (domain.Length == 0 || domain.Contains(' ', StringComparison.Ordinal))
        {
            throw new CheckArgumentException("dkim-valid needs the signing domain, e.g. 'dkim-valid {{domain}}'");
        }

        return delivered.Count == 0
            ? "no delivered message to look at (use DELIVERED first)"
            : DkimCheck.ValidSignatureBy(delivered[0], domain, new RunKeyLocator(RunDkimKey.Current));
    }
}
