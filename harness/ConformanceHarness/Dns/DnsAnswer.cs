using DnsClient.Protocol;

namespace ConformanceHarness.Dns;

/// <summary>One query and how it ended: the records of the type asked for, or why there are none.</summary>
internal sealed record DnsAnswer(string Name, string Type, DnsLookupStatus Status, IReadOnlyList<DnsResourceRecord> Records, string Detail)
{
    /// <summary>RFC 7208 §4.6.4: a lookup that returns no records (NODATA) or NXDOMAIN is "void".</summary>
    public bool IsVoid => Status is DnsLookupStatus.NoRecords or DnsLookupStatus.NonExistentDomain;

    /// <summary>The resolver failed, not the domain: SERVFAIL, REFUSED, timeout (SPF's "temperror").</summary>
    public bool IsFailure => Status is DnsLookupStatus.ServerFailure or DnsLookupStatus.Timeout;

    /// <summary>For evidence: <c>TXT _dmarc.example.test: NXDOMAIN</c>.</summary>
    public string Describe() => $"{Type} {Name}: {Detail}";
}
