namespace ConformanceHarness.Running;

/// <summary>What a target role advertises: EHLO keywords or CAPA tags, before and after TLS.</summary>
public sealed record Capabilities(IReadOnlySet<string> Plain, IReadOnlySet<string> AfterTls, string Greeting, string? ProbeError)
{
    public static Capabilities Failed(string error) => new(new HashSet<string>(), new HashSet<string>(), string.Empty, error);

    public bool Has(string keyword) =>
        Plain.Contains(keyword.ToUpperInvariant()) || AfterTls.Contains(keyword.ToUpperInvariant());
}
