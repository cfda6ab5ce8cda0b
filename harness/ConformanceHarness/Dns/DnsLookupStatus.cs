namespace ConformanceHarness.Dns;

/// <summary>How one DNS query ended. Only <see cref="Answered"/> carries records.</summary>
public enum DnsLookupStatus
{
    /// <summary>NOERROR with at least one record of the type asked for.</summary>
    Answered,
    /// <summary>NOERROR, but no record of that type (NODATA): the name exists.</summary>
    NoRecords,
    /// <summary>NXDOMAIN: the name does not exist.</summary>
    NonExistentDomain,
    /// <summary>The resolver answered with an error: SERVFAIL, REFUSED, or another response code.</summary>
    ServerFailure,
    /// <summary>No answer within the timeout, after the retries.</summary>
    Timeout,
    /// <summary>The name cannot be asked at all (empty label, label over 63 octets, name over 253).</summary>
    InvalidName,
}
