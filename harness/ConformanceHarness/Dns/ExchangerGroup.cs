namespace ConformanceHarness.Dns;

/// <summary>
/// The exchangers that share one preference. RFC 5321 §5.1 has a client try them in random order; the harness keeps the
/// order the resolver returned so runs are reproducible, and probes every one of them anyway.
/// </summary>
public sealed record ExchangerGroup(int Preference, IReadOnlyList<Exchanger> Exchangers);
