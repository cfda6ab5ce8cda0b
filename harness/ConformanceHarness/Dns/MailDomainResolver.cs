using System.Net;
using DnsClient;
using DnsClient.Protocol;

namespace ConformanceHarness.Dns;

/// <summary>
/// Finds where mail for a domain goes, the way an SMTP client does (RFC 5321 §5.1): MX records by preference, the
/// domain's own A/AAAA when there is no MX (implicit MX), nothing at all for a null MX (RFC 7505). Every lookup outcome is
/// a <see cref="ExchangerResolutionKind"/>; no DNS error escapes as an exception.
/// </summary>
public sealed class MailDomainResolver
{
    private readonly DnsLookup lookup;

    public MailDomainResolver(DnsSettings settings)
    {
        lookup = new DnsLookup(settings);
    }

    public DnsSettings Settings => lookup.Settings;

    /// <summary>The exchangers of <paramref name="domain"/>, lowest preference first, each with its IPv4 and IPv6 addresses.</summary>
    public async Task<ExchangerResolution> ResolveExchangersAsync(string domain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var name = DomainName.Normalize(domain);
        var mx = await lookup.QueryAsync(name, QueryType.MX, cancellationToken).ConfigureAwait(false);
        switch (mx.Status)
        {
            case DnsLookupStatus.InvalidName:
                return Failed(name, ExchangerResolutionKind.InvalidDomain, $"'{domain}' is not a domain name that can be looked up: {mx.Detail}", mx);
            case DnsLookupStatus.NonExistentDomain:
                return Failed(name, ExchangerResolutionKind.NonExistentDomain, $"{name} does not exist (NXDOMAIN for MX)", mx);
            case DnsLookupStatus.ServerFailure:
                return Failed(name, ExchangerResolutionKind.ServerFailure, $"the MX lookup of {name} failed: {mx.Detail} (RFC 5321 §5.1: a temporary failure, no fallback to A/AAAA)", mx);
            case DnsLookupStatus.Timeout:
                return Failed(name, ExchangerResolutionKind.Timeout, $"the MX lookup of {name} timed out: {mx.Detail}", mx);
            case DnsLookupStatus.NoRecords:
                return await ImplicitMxAsync(name, mx, cancellationToken).ConfigureAwait(false);
        }

        var records = mx.Records.OfType<MxRecord>().Select(r => (Preference: (int)r.Preference, Host: ExchangeName(r))).ToList();
        var seen = records.Select(r => $"MX {r.Preference} {r.Host}").ToList();
        var notes = new List<string>();
        var real = records.Where(r => r.Host != ".").ToList();
        if (real.Count == 0)
        {
            // RFC 7505 §3: a single MX "." (preference 0) says the domain accepts no mail; nothing to resolve or probe.
            return new ExchangerResolution
            {
                Domain = name,
                Kind = ExchangerResolutionKind.NullMx,
                NullMxPreferences = records.Select(r => r.Preference).ToList(),
                Summary = $"{name} publishes a null MX (RFC 7505): it accepts no mail",
                Records = seen,
                Resolver = lookup.Settings.Describe(),
            };
        }

        if (real.Count < records.Count)
        {
            notes.Add($"a null MX (\".\") is published next to {real.Count} other MX record(s); RFC 7505 §3 forbids that, and it is ignored here");
        }

        // Stable: equal preferences keep the order the resolver returned them in. A host listed twice counts once, at its lowest preference.
        var ordered = real.OrderBy(r => r.Preference).ToList();
        var distinct = ordered.DistinctBy(r => r.Host, StringComparer.Ordinal).ToList();
        if (distinct.Count < ordered.Count)
        {
            notes.Add($"an exchanger is listed more than once; it is kept at its lowest preference ({string.Join(", ", ordered.GroupBy(r => r.Host).Where(g => g.Count() > 1).Select(g => g.Key))})");
        }

        var exchangers = await Task.WhenAll(distinct.Select(r => ResolveHostAsync(r.Host, r.Preference, implicitMx: false, cancellationToken))).ConfigureAwait(false);
        var groups = exchangers.GroupBy(e => e.Preference).Select(g => new ExchangerGroup(g.Key, g.ToList())).ToList();
        return new ExchangerResolution
        {
            Domain = name,
            Kind = ExchangerResolutionKind.Exchangers,
            Summary = $"{name} has {exchangers.Length} exchanger(s) at {groups.Count} preference(s): {string.Join("; ", groups.Select(g => $"{g.Preference}: {string.Join(", ", g.Exchangers.Select(e => e.Host))}"))}",
            Groups = groups,
            Records = seen,
            Resolver = lookup.Settings.Describe(),
            Notes = notes,
            NullMxPreferences = records.Where(r => r.Host == ".").Select(r => r.Preference).ToList(),
        };
    }

    /// <summary>The A then AAAA records of <paramref name="host"/>.</summary>
    public async Task<Exchanger> ResolveHostAsync(string host, int preference, bool implicitMx, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        var (exchanger, _) = await ResolveAddressesAsync(host, preference, implicitMx, cancellationToken).ConfigureAwait(false);
        return exchanger;
    }

    private async Task<(Exchanger Exchanger, DnsAnswer[] Answers)> ResolveAddressesAsync(string host, int preference, bool implicitMx, CancellationToken cancellationToken)
    {
        var name = DomainName.Normalize(host);
        var a = lookup.QueryAsync(name, QueryType.A, cancellationToken);
        var aaaa = lookup.QueryAsync(name, QueryType.AAAA, cancellationToken);
        var answers = await Task.WhenAll(a, aaaa).ConfigureAwait(false);
        var addresses = new List<IPAddress>();
        addresses.AddRange(answers[0].Records.OfType<ARecord>().Select(r => r.Address));
        addresses.AddRange(answers[1].Records.OfType<AaaaRecord>().Select(r => r.Address));
        var problem = addresses.Count == 0 || answers.Any(x => x.IsFailure || x.Status == DnsLookupStatus.InvalidName)
            ? string.Join("; ", answers.Where(x => x.Status != DnsLookupStatus.Answered).Select(x => $"{x.Type}: {x.Detail}"))
            : null;
        var exchanger = new Exchanger(name, preference, addresses)
        {
            IsImplicit = implicitMx,
            AddressProblem = problem,
            AddressLookupFailed = answers.Any(x => x.IsFailure),
            AddressLookups = answers.Select(x => x.Describe()).ToList(),
        };
        return (exchanger, answers);
    }

    private async Task<ExchangerResolution> ImplicitMxAsync(string name, DnsAnswer mx, CancellationToken cancellationToken)
    {
        // RFC 5321 §5.1: "If an empty list of MXs is returned, the address is treated as if it was associated with an
        // implicit MX RR, with a preference of 0, pointing to that host."
        var (host, answers) = await ResolveAddressesAsync(name, 0, implicitMx: true, cancellationToken).ConfigureAwait(false);
        var seen = new List<string> { mx.Describe() };
        seen.AddRange(host.AddressLookups);
        if (host.Addresses.Count > 0)
        {
            return new ExchangerResolution
            {
                Domain = name,
                Kind = ExchangerResolutionKind.ImplicitMx,
                Summary = $"{name} has no MX record; its own address(es) {string.Join(", ", host.Addresses)} stand in as an implicit MX (RFC 5321 §5.1)",
                Groups = [new ExchangerGroup(0, [host])],
                Records = seen,
                Resolver = lookup.Settings.Describe(),
                Notes = host.AddressProblem is { } partial ? [$"address lookup incomplete: {partial}"] : [],
            };
        }

        var failure = answers.FirstOrDefault(a => a.IsFailure);
        return new ExchangerResolution
        {
            Domain = name,
            Kind = failure?.Status switch
            {
                DnsLookupStatus.Timeout => ExchangerResolutionKind.Timeout,
                DnsLookupStatus.ServerFailure => ExchangerResolutionKind.ServerFailure,
                _ => ExchangerResolutionKind.NoMailHost,
            },
            Summary = failure is not null
                ? $"{name} has no MX record and its A/AAAA lookup failed: {host.AddressProblem}"
                : $"{name} exists but has no MX and no A/AAAA record: there is no host to deliver its mail to",
            Records = seen,
            Resolver = lookup.Settings.Describe(),
        };
    }

    private ExchangerResolution Failed(string name, ExchangerResolutionKind kind, string summary, DnsAnswer answer) => new()
    {
        Domain = name,
        Kind = kind,
        Summary = summary,
        Records = [answer.Describe()],
        Resolver = lookup.Settings.Describe(),
    };

    private static string ExchangeName(MxRecord record)
    {
        var value = record.Exchange.Value;
        return value is "." or "" ? "." : DomainName.Normalize(value);
    }
}
