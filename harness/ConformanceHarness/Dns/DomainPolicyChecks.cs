using ConformanceHarness.Running;

namespace ConformanceHarness.Dns;

/// <summary>
/// A domain's sender-authentication records, graded: SPF (RFC 7208), DMARC (RFC 7489), MTA-STS (RFC 8461). Every check
/// of <see cref="DnsChecks"/> in those families yields exactly one <see cref="ScenarioResult"/> (ScenarioId = the check
/// id, Target = the domain), Skip where a record it depends on is absent, Inconclusive where the resolver failed.
/// DNS errors never escape as exceptions; only cancellation does.
/// </summary>
public sealed class DomainPolicyChecks
{
    private readonly DnsLookup lookup;

    public DomainPolicyChecks(DnsSettings settings)
    {
        lookup = new DnsLookup(settings);
    }

    /// <summary>SPF, then DMARC, then MTA-STS results for <paramref name="domain"/>, in <see cref="DnsChecks.All"/> order.</summary>
    public async Task<IReadOnlyList<ScenarioResult>> CheckAsync(string domain, CancellationToken cancellationToken = default)
    {
        var spf = CheckSpfAsync(domain, cancellationToken);
        var dmarc = CheckDmarcAsync(domain, cancellationToken);
        var mtaSts = CheckMtaStsAsync(domain, cancellationToken);
        await Task.WhenAll(spf, dmarc, mtaSts).ConfigureAwait(false);
        return [.. spf.Result, .. dmarc.Result, .. mtaSts.Result];
    }

    /// <summary>The eight SPF checks (<c>dns/rfc7208/…</c>).</summary>
    public Task<IReadOnlyList<ScenarioResult>> CheckSpfAsync(string domain, CancellationToken cancellationToken = default) =>
        new SpfChecks(lookup).CheckAsync(Normalize(domain), cancellationToken);

    /// <summary>The six DMARC checks (<c>dns/rfc7489/…</c>).</summary>
    public Task<IReadOnlyList<ScenarioResult>> CheckDmarcAsync(string domain, CancellationToken cancellationToken = default) =>
        new DmarcChecks(lookup).CheckAsync(Normalize(domain), cancellationToken);

    /// <summary>The two MTA-STS checks (<c>dns/rfc8461/…</c>).</summary>
    public Task<IReadOnlyList<ScenarioResult>> CheckMtaStsAsync(string domain, CancellationToken cancellationToken = default) =>
        new MtaStsChecks(lookup).CheckAsync(Normalize(domain), cancellationToken);

    private static string Normalize(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        return DomainName.Normalize(domain);
    }
}
