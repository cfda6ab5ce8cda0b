namespace ConformanceHarness.Dns;

/// <summary>What the MX lookup of a domain came to.</summary>
public enum ExchangerResolutionKind
{
    /// <summary>MX records found; <see cref="ExchangerResolution.Groups"/> holds them by preference.</summary>
    Exchangers,
    /// <summary>No MX record, but the domain has A/AAAA records: RFC 5321 §5.1's implicit MX (one exchanger, preference 0).</summary>
    ImplicitMx,
    /// <summary>RFC 7505 null MX (a single MX "." at preference 0): the domain declares it accepts no mail.</summary>
    NullMx,
    /// <summary>The domain exists but has no MX and no A/AAAA records: there is no host to deliver to.</summary>
    NoMailHost,
    /// <summary>NXDOMAIN: the domain does not exist.</summary>
    NonExistentDomain,
    /// <summary>The resolver answered SERVFAIL, REFUSED or another error code (RFC 5321 §5.1: a temporary failure; no A/AAAA fallback).</summary>
    ServerFailure,
    /// <summary>The resolver did not answer within the timeout.</summary>
    Timeout,
    /// <summary>The name given is not a domain name that can be asked (empty label, too long).</summary>
    InvalidDomain,
}
