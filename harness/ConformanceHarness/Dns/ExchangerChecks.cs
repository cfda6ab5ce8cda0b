using ConformanceHarness.Running;

namespace ConformanceHarness.Dns;

/// <summary>
/// Grades an <see cref="ExchangerResolution"/>: did the domain's mail routing resolve (RFC 5321 §5.1), does every
/// exchanger have an address, is a null MX alone (RFC 7505 §3). One result per check, Target = the domain.
/// </summary>
public static class ExchangerChecks
{
    public static IReadOnlyList<ScenarioResult> Grade(ExchangerResolution resolution)
    {
        ArgumentNullException.ThrowIfNull(resolution);
        return [Exchangers(resolution), Addresses(resolution), NullMxAlone(resolution)];
    }

    private static ScenarioResult Exchangers(ExchangerResolution resolution)
    {
        var verdict = resolution.Kind switch
        {
            ExchangerResolutionKind.Exchangers => Verdict.Pass,
            ExchangerResolutionKind.ImplicitMx or ExchangerResolutionKind.NullMx => Verdict.Info,
            // The resolver answered with a failure (SERVFAIL, REFUSED): the domain's own servers may be at fault, no grade.
            ExchangerResolutionKind.ServerFailure => Verdict.Inconclusive,

            // NXDOMAIN, no host at all, not a domain name, or a resolver that never answered: there is nothing to probe
            // (the harness could not run), which must not end as a green run of Inconclusive results.
            _ => Verdict.Error,
        };
        return DnsResult.Make(DnsChecks.Exchangers, resolution.Domain, verdict, resolution.Summary,
            "MX records naming the hosts that accept the domain's mail (or, without MX, the domain's own A/AAAA)",
            resolution.Records, [$"resolver: {resolution.Resolver}", .. resolution.Notes]);
    }

    private static ScenarioResult Addresses(ExchangerResolution resolution)
    {
        const string expected = "every exchanger resolves to at least one A or AAAA record";
        var exchangers = resolution.Exchangers;
        var seen = exchangers.Select(e => $"{e}: {(e.Addresses.Count == 0 ? "no address" : string.Join(", ", e.Addresses))}").ToList();
        seen.AddRange(exchangers.Where(e => e.AddressProblem is not null).SelectMany(e => e.AddressLookups));
        if (!resolution.AcceptsMail)
        {
            return DnsResult.Skip(DnsChecks.ExchangerAddresses, resolution.Domain, "no exchanger to resolve", resolution.Records);
        }

        var dead = exchangers.Where(e => e.Addresses.Count == 0 && !e.AddressLookupFailed).ToList();
        if (dead.Count > 0)
        {
            var all = dead.Count == exchangers.Count ? " — none is usable, so mail to the domain cannot be delivered" : string.Empty;
            return DnsResult.Make(DnsChecks.ExchangerAddresses, resolution.Domain, Verdict.Fail,
                $"{string.Join(", ", dead.Select(e => e.Host))} {(dead.Count == 1 ? "has" : "have")} no A or AAAA record{all}", expected, seen,
                dead.Select(e => $"{e.Host}: {e.AddressProblem}"));
        }

        var failed = exchangers.Where(e => e.AddressLookupFailed).ToList();
        if (failed.Count > 0)
        {
            return DnsResult.Make(DnsChecks.ExchangerAddresses, resolution.Domain, Verdict.Inconclusive,
                $"the address lookup of {string.Join(", ", failed.Select(e => e.Host))} failed: {failed[0].AddressProblem}", expected, seen);
        }

        return DnsResult.Make(DnsChecks.ExchangerAddresses, resolution.Domain, Verdict.Pass,
            $"all {exchangers.Count} exchanger(s) resolve: {exchangers.Sum(e => e.Addresses.Count)} address(es)", expected, seen);
    }

    private static ScenarioResult NullMxAlone(ExchangerResolution resolution)
    {
        const string expected = "a null MX is a single MX record \".\" at preference 0, and the domain's only MX";
        var nulls = resolution.NullMxPreferences;
        if (nulls.Count == 0)
        {
            return DnsResult.Skip(DnsChecks.NullMxAlone, resolution.Domain, "the domain publishes no null MX", resolution.Records);
        }

        if (resolution.Kind != ExchangerResolutionKind.NullMx)
        {
            return DnsResult.Make(DnsChecks.NullMxAlone, resolution.Domain, Verdict.Fail,
                $"{resolution.Domain} publishes a null MX next to {resolution.Exchangers.Count} real exchanger(s): senders cannot tell whether it accepts mail", expected, resolution.Records);
        }

        if (nulls.Count > 1 || nulls[0] != 0)
        {
            return DnsResult.Make(DnsChecks.NullMxAlone, resolution.Domain, Verdict.Warn,
                $"the null MX is {(nulls.Count > 1 ? $"published {nulls.Count} times" : $"at preference {nulls[0]}")}; RFC 7505 §3 defines it as one record at preference 0", expected, resolution.Records);
        }

        return DnsResult.Make(DnsChecks.NullMxAlone, resolution.Domain, Verdict.Pass, $"{resolution.Domain}'s null MX is its only MX", expected, resolution.Records);
    }
}
