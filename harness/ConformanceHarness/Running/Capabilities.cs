namespace ConformanceHarness.Running;

/// <summary>What a target role advertises: EHLO keywords or CAPA tags, before and after TLS.</summary>
public sealed partial record Capabilities(IReadOnlySet<string> Plain, IReadOnlySet<string> AfterTls, string Greeting, string? ProbeError)
{
    /// <summary>A pseudo-keyword, met when EHLO advertises SIZE with a fixed limit (RFC 1870 §4), not a bare SIZE.</summary>
    public const string SizeLimit = "SIZE-LIMIT";

    /// <summary>The probe's connection was turned away before its greeting on every attempt (a connection limit): not cached.</summary>
    public bool Refused { get; init; }

    public static Capabilities Failed(string error) => new(new HashSet<string>(), new HashSet<string>(), string.Empty, error);

    /// <summary>
    /// An advertised keyword or tag; <c>apop</c> is met by a POP3 greeting carrying a timestamp (RFC 1939 §7), <c>capa</c>
    /// by a capability list the probe could read (RFC 2449 §5: "-ERR" means CAPA is not implemented).
    /// </summary>
    public bool Has(string keyword) =>
        Plain.Contains(keyword.ToUpperInvariant()) || AfterTls.Contains(keyword.ToUpperInvariant())
        || (keyword.Equals("apop", StringComparison.OrdinalIgnoreCase) && ApopTimestamp().IsMatch(Greeting))
        || (keyword.Equals("capa", StringComparison.OrdinalIgnoreCase) && Plain.Count > 0);

    /// <summary>RFC 1939 §7: a msg-id in the greeting, e.g. &lt;1896.697170952@dbc.mtview.ca.us&gt;.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"<[^<>\s]+@[^<>\s]+>")]
    private static partial System.Text.RegularExpressions.Regex ApopTimestamp();
}
