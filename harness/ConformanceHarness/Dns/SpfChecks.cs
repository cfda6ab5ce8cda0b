using ConformanceHarness.Running;

namespace ConformanceHarness.Dns;

/// <summary>The SPF checks of one domain (RFC 7208): one record, its syntax, its all qualifier, its lookup counts.</summary>
internal sealed class SpfChecks
{
    private static readonly string[] AfterRecord =
        [DnsChecks.SpfSyntax, DnsChecks.SpfAllQualifier, DnsChecks.SpfLookupLimit, DnsChecks.SpfVoidLookups, DnsChecks.SpfIncludeTargets, DnsChecks.SpfPtr];

    private readonly DnsLookup lookup;

    public SpfChecks(DnsLookup lookup) => this.lookup = lookup;

    public async Task<IReadOnlyList<ScenarioResult>> CheckAsync(string domain, CancellationToken cancellationToken)
    {
        var (answer, texts) = await lookup.QueryTextsAsync(domain, cancellationToken).ConfigureAwait(false);
        if (answer.IsFailure || answer.Status == DnsLookupStatus.InvalidName)
        {
            return new[] { DnsChecks.SpfPresent, DnsChecks.SpfSingleRecord }.Concat(AfterRecord).Select(id => DnsResult.Inconclusive(id, domain, answer)).ToList();
        }

        var spf = texts.Where(SpfRecord.IsSpf).ToList();
        var seen = spf.Select(t => $"TXT {domain}: \"{t}\"").ToList();
        if (spf.Count == 0)
        {
            seen.Add(answer.Describe());
        }

        if (texts.Count > spf.Count)
        {
            seen.Add($"({texts.Count - spf.Count} other TXT record(s) at {domain}, not SPF)");
        }

        var results = new List<ScenarioResult>
        {
            spf.Count == 0
                ? DnsResult.Make(DnsChecks.SpfPresent, domain, Verdict.Warn, $"{domain} publishes no SPF record: receivers get \"none\" for mail from it", "one TXT record beginning \"v=spf1\"", seen)
                : DnsResult.Make(DnsChecks.SpfPresent, domain, Verdict.Pass, $"{domain} publishes an SPF record", "one TXT record beginning \"v=spf1\"", seen),
        };

        if (spf.Count != 1)
        {
            results.Add(spf.Count == 0
                ? DnsResult.Skip(DnsChecks.SpfSingleRecord, domain, "no SPF record", seen)
                : DnsResult.Make(DnsChecks.SpfSingleRecord, domain, Verdict.Fail, $"{domain} publishes {spf.Count} SPF records: every SPF check of its mail is a permerror", "exactly one v=spf1 record", seen));
            results.AddRange(AfterRecord.Select(id => DnsResult.Skip(id, domain, spf.Count == 0 ? "no SPF record" : $"not evaluated: {spf.Count} SPF records make a permerror before any term is read", seen)));
            return results;
        }

        results.Add(DnsResult.Make(DnsChecks.SpfSingleRecord, domain, Verdict.Pass, $"{domain} publishes exactly one SPF record", "exactly one v=spf1 record", seen));
        var record = SpfRecord.Parse(spf[0]);
        if (!record.IsValid)
        {
            results.Add(DnsResult.Make(DnsChecks.SpfSyntax, domain, Verdict.Fail, $"the SPF record has {record.Errors.Count} syntax error(s): {record.Errors[0]}", "terms as RFC 7208 §4.6.1 defines them", seen, record.Errors));
            results.AddRange(AfterRecord.Skip(1).Select(id => DnsResult.Skip(id, domain, "not evaluated: a syntax error makes the record a permerror", seen)));
            return results;
        }

        results.Add(DnsResult.Make(DnsChecks.SpfSyntax, domain, Verdict.Pass, $"the SPF record's {record.Terms.Count} term(s) are well formed", "terms as RFC 7208 §4.6.1 defines them", seen));
        var walk = new SpfWalk(lookup);
        await walk.RunAsync(domain, record, cancellationToken).ConfigureAwait(false);
        var walked = seen.Concat(walk.Seen).Distinct().ToList();
        results.Add(AllQualifier(domain, record, walk, walked));
        results.Add(LookupLimit(domain, walk, walked));
        results.Add(VoidLookups(domain, walk, walked));
        results.Add(IncludeTargets(domain, walk, walked));
        results.Add(walk.PtrUses.Count > 0
            ? DnsResult.Make(DnsChecks.SpfPtr, domain, Verdict.Warn, $"the SPF policy uses ptr ({string.Join(", ", walk.PtrUses)}), which RFC 7208 §5.5 says SHOULD NOT be published", "no ptr mechanism", walked)
            : DnsResult.Make(DnsChecks.SpfPtr, domain, Verdict.Pass, "the SPF policy does not use ptr", "no ptr mechanism", walked));
        return results;
    }

    private static ScenarioResult AllQualifier(string domain, SpfRecord record, SpfWalk walk, List<string> seen)
    {
        const string expected = "-all or ~all at the end of the policy";
        var notes = new List<string>();
        var (all, where) = EffectiveAll(domain, record, walk);
        if (record.All is { } own && record.Terms.SkipWhile(t => t != own).Skip(1).Any(t => !t.IsModifier))
        {
            notes.Add($"mechanisms after '{own.Text}' are never tested (§5.1)");
        }

        if (record.All is not null && record.Redirect is not null)
        {
            notes.Add("redirect= is ignored because the record has an all mechanism (§6.1)");
        }

        if (all is null)
        {
            var why = record.Redirect is { } redirect && where is null
                ? $"the redirect target of '{redirect.Text}' could not be read, so the policy's end is unknown"
                : "the policy has no all mechanism: hosts it does not list get \"neutral\" (§4.7), which receivers treat like no policy";
            return DnsResult.Make(DnsChecks.SpfAllQualifier, domain, Verdict.Warn, why, expected, seen, notes);
        }

        var from = where == domain ? string.Empty : $" (reached through redirect= in {where})";
        return all.Qualifier switch
        {
            '+' => DnsResult.Make(DnsChecks.SpfAllQualifier, domain, Verdict.Fail, $"'{all.Text}'{from} authorizes every host on the Internet to send as {domain}", expected, seen, notes),
            '?' => DnsResult.Make(DnsChecks.SpfAllQualifier, domain, Verdict.Warn, $"'{all.Text}'{from} gives other hosts \"neutral\": receivers get nothing to act on", expected, seen, notes),
            _ => DnsResult.Make(DnsChecks.SpfAllQualifier, domain, Verdict.Pass, $"'{all.Text}'{from}: hosts the policy does not list get \"{(all.Qualifier == '-' ? "fail" : "softfail")}\"", expected, seen, notes),
        };
    }

    private static (SpfTerm? All, string? Where) EffectiveAll(string domain, SpfRecord record, SpfWalk walk)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var current = record;
        var where = domain;
        while (visited.Add(where))
        {
            if (current.All is { } all)
            {
                return (all, where);
            }

            if (current.Redirect is not { } redirect || redirect.HasMacro)
            {
                return (null, where);
            }

            where = DomainName.Normalize(redirect.DomainSpec!);
            if (!walk.Records.TryGetValue(where, out current!))
            {
                return (null, null);
            }
        }

        return (null, null);
    }

    private static ScenarioResult LookupLimit(string domain, SpfWalk walk, List<string> seen)
    {
        var expected = $"at most {SpfWalk.LookupLimit} include/a/mx/ptr/exists/redirect terms, counted through includes";
        var notes = new List<string> { $"counted: {(walk.Counted.Count == 0 ? "none" : string.Join(", ", walk.Counted))}" };
        notes.AddRange(walk.NotResolved.Select(n => $"not followed (the domain holds a macro): {n}"));
        if (walk.Loops.Count > 0)
        {
            return DnsResult.Make(DnsChecks.SpfLookupLimit, domain, Verdict.Fail, $"the SPF policy includes itself ({walk.Loops[0]}): evaluation runs into the limit of {SpfWalk.LookupLimit} and is a permerror", expected, seen, notes);
        }

        if (walk.Stopped)
        {
            return DnsResult.Make(DnsChecks.SpfLookupLimit, domain, Verdict.Fail, $"the SPF policy needs more than {SpfWalk.LookupLimit} DNS-querying terms (the {walk.Lookups}th is {walk.Counted[^1]}): a permerror for every receiver", expected, seen, notes);
        }

        if (walk.MxOverLimit.Count > 0)
        {
            return DnsResult.Make(DnsChecks.SpfLookupLimit, domain, Verdict.Fail, walk.MxOverLimit[0], expected, seen, notes);
        }

        if (walk.Failures.Count > 0)
        {
            return DnsResult.Make(DnsChecks.SpfLookupLimit, domain, Verdict.Inconclusive, $"{walk.Lookups} DNS-querying term(s) so far, but a lookup failed: {walk.Failures[0]}", expected, seen, notes);
        }

        return DnsResult.Make(DnsChecks.SpfLookupLimit, domain, Verdict.Pass, $"the SPF policy uses {walk.Lookups} of the {SpfWalk.LookupLimit} DNS-querying terms allowed", expected, seen, notes);
    }

    private static ScenarioResult VoidLookups(string domain, SpfWalk walk, List<string> seen)
    {
        var expected = $"at most {SpfWalk.VoidLimit} lookups that return no record or NXDOMAIN";
        if (walk.Voids.Count > SpfWalk.VoidLimit)
        {
            return DnsResult.Make(DnsChecks.SpfVoidLookups, domain, Verdict.Warn, $"{walk.Voids.Count} of the policy's lookups come back empty; receivers that apply the limit of {SpfWalk.VoidLimit} return permerror", expected, seen, walk.Voids);
        }

        return DnsResult.Make(DnsChecks.SpfVoidLookups, domain, Verdict.Pass, $"{walk.Voids.Count} void lookup(s), within the limit of {SpfWalk.VoidLimit}", expected, seen, walk.Voids);
    }

    private static ScenarioResult IncludeTargets(string domain, SpfWalk walk, List<string> seen)
    {
        const string expected = "every include:/redirect= target publishes exactly one valid SPF record";
        if (walk.BrokenTargets.Count > 0)
        {
            return DnsResult.Make(DnsChecks.SpfIncludeTargets, domain, Verdict.Fail, walk.BrokenTargets[0], expected, seen, walk.BrokenTargets);
        }

        if (!walk.IncludesOrRedirects)
        {
            return DnsResult.Skip(DnsChecks.SpfIncludeTargets, domain, walk.Stopped ? "not reached: the lookup limit stopped the walk first" : "the policy has no include: or redirect= to follow", seen);
        }

        return walk.Failures.Count > 0
            ? DnsResult.Make(DnsChecks.SpfIncludeTargets, domain, Verdict.Inconclusive, $"a lookup failed: {walk.Failures[0]}", expected, seen, walk.Failures)
            : DnsResult.Make(DnsChecks.SpfIncludeTargets, domain, Verdict.Pass, "every include:/redirect= target publishes one valid SPF record", expected, seen);
    }
}
