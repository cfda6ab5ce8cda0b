namespace ConformanceHarness.Dns;

/// <summary>
/// Where mail for <see cref="Domain"/> goes: the exchangers grouped by preference (lowest first, equal preferences
/// together in the order the resolver returned them), or why there are none.
/// </summary>
public sealed record ExchangerResolution
{
    public required string Domain { get; init; }

    public required ExchangerResolutionKind Kind { get; init; }

    /// <summary>One sentence for a report: what was found, or what went wrong and where.</summary>
    public required string Summary { get; init; }

    /// <summary>Lowest preference first. Empty unless <see cref="Kind"/> is Exchangers or ImplicitMx.</summary>
    public IReadOnlyList<ExchangerGroup> Groups { get; init; } = [];

    /// <summary>The records seen, as text, in the order the resolver returned them: <c>MX 10 mx1.example.test</c>.</summary>
    public IReadOnlyList<string> Records { get; init; } = [];

    /// <summary>The resolver asked (for the report).</summary>
    public string Resolver { get; init; } = string.Empty;

    /// <summary>Observations on the way, e.g. a null MX published next to real ones, an exchanger listed twice.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The preferences of the MX records naming "." (RFC 7505 null MX); empty when there is none.</summary>
    public IReadOnlyList<int> NullMxPreferences { get; init; } = [];

    /// <summary>Every exchanger in preference order (the groups flattened).</summary>
    public IReadOnlyList<Exchanger> Exchangers => Groups.SelectMany(g => g.Exchangers).ToList();

    /// <summary>There are hosts to deliver to (MX or implicit MX).</summary>
    public bool AcceptsMail => Kind is ExchangerResolutionKind.Exchangers or ExchangerResolutionKind.ImplicitMx;

    /// <summary>The resolver failed (SERVFAIL/REFUSED, timeout): the domain's answer is unknown.</summary>
    public bool IsLookupFailure => Kind is ExchangerResolutionKind.ServerFailure or ExchangerResolutionKind.Timeout;
}
