using System.Net;

namespace ConformanceHarness.Dns;

/// <summary>
/// One mail exchanger of a domain: the host an MX record names (or, for an implicit MX, the domain itself), its
/// preference, and the IPv4 then IPv6 addresses it resolved to.
/// </summary>
public sealed record Exchanger(string Host, int Preference, IReadOnlyList<IPAddress> Addresses)
{
    /// <summary>RFC 5321 §5.1: there was no MX, so the domain's own A/AAAA records stand in, at preference 0.</summary>
    public bool IsImplicit { get; init; }

    /// <summary>Why <see cref="Addresses"/> is empty or partial (e.g. "A: NXDOMAIN; AAAA: NXDOMAIN"), or null when both lookups answered.</summary>
    public string? AddressProblem { get; init; }

    /// <summary>An address lookup failed (SERVFAIL/REFUSED, timeout), as opposed to the host having no address records.</summary>
    public bool AddressLookupFailed { get; init; }

    /// <summary>The A and AAAA answers, for evidence: <c>A mx1.example.test: 1 record</c>.</summary>
    public IReadOnlyList<string> AddressLookups { get; init; } = [];

    /// <summary><c>mx1.example.test (preference 10)</c>, or <c>example.test (implicit MX)</c>.</summary>
    public override string ToString() => IsImplicit ? $"{Host} (implicit MX)" : $"{Host} (preference {Preference})";
}
