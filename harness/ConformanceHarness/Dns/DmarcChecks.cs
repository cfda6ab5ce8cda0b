using ConformanceHarness.Running;

namespace ConformanceHarness.Dns;

/// <summary>The DMARC checks of one domain (RFC 7489): a record at _dmarc, one of them, its tags, its policy, its report URIs.</summary>
internal sealed class DmarcChecks
{
    private static readonly string[] AfterRecord =
        [DnsChecks.DmarcSyntax, DnsChecks.DmarcPolicy, DnsChecks.DmarcReportUris, DnsChecks.DmarcExternalDestinations];

    private static readonly string[] ReportTags = ["rua", "ruf"];

    private readonly DnsLookup lookup;

    public DmarcChecks(DnsLookup lookup) => this.lookup = lookup;

    public async Task<IReadOnlyList<ScenarioResult>> CheckAsync(string domain, CancellationToken cancellationToken)
    {
        var name = $"_dmarc.{domain}";
        var (answer, texts) = await lookup.QueryTextsAsync(name, cancellationToken).ConfigureAwait(false);
        if (answer.IsFailure || answer.Status == DnsLookupStatus.InvalidName)
        {
            return new[] { DnsChecks.DmarcPresent, DnsChecks.DmarcSingleRecord }.Concat(AfterRecord).Select(id => DnsResult.Inconclusive(id, domain, answer)).ToList();
        }

        var candidates = texts.Where(DmarcRecord.LooksLikeDmarc).Select(DmarcRecord.Parse).ToList();
        var records = candidates.Where(r => r.StartsWithVersion).ToList();
        var seen = candidates.Select(r => $"TXT {name}: \"{r.Text}\"").ToList();
        if (candidates.Count == 0)
        {
            seen.Add(answer.Describe());
        }

        const string wanted = "one TXT record at _dmarc.DOMAIN beginning \"v=DMARC1\"";
        var results = new List<ScenarioResult>();
        if (records.Count == 0)
        {
            var summary = candidates.Count == 0
                ? $"{domain} publishes no DMARC record at {name}: receivers apply no DMARC policy to mail claiming to be from it"
                : $"the record at {name} does not begin with v=DMARC1, so receivers discard it (§6.6.3): in effect no DMARC policy";
            results.Add(DnsResult.Make(DnsChecks.DmarcPresent, domain, Verdict.Warn, summary, wanted, seen));
            results.Add(DnsResult.Skip(DnsChecks.DmarcSingleRecord, domain, "no DMARC record", seen));
            if (candidates.Count == 1)
            {
                // Show why it was discarded: the syntax check names the misplaced v= tag.
                results.Add(Syntax(domain, candidates[0], seen));
                results.AddRange(AfterRecord.Skip(1).Select(id => DnsResult.Skip(id, domain, "not evaluated: receivers discard a record that does not begin with v=DMARC1", seen)));
            }
            else
            {
                results.AddRange(AfterRecord.Select(id => DnsResult.Skip(id, domain, "no DMARC record", seen)));
            }

            return results;
        }

        results.Add(DnsResult.Make(DnsChecks.DmarcPresent, domain, Verdict.Pass, $"{domain} publishes a DMARC record at {name}", wanted, seen));
        if (records.Count > 1)
        {
            results.Add(DnsResult.Make(DnsChecks.DmarcSingleRecord, domain, Verdict.Fail, $"{name} holds {records.Count} DMARC records: receivers stop policy discovery and apply no DMARC at all (§6.6.3)", "exactly one v=DMARC1 record", seen));
            results.AddRange(AfterRecord.Select(id => DnsResult.Skip(id, domain, $"not evaluated: {records.Count} records mean no DMARC policy", seen)));
            return results;
        }

        var record = records[0];
        results.Add(DnsResult.Make(DnsChecks.DmarcSingleRecord, domain, Verdict.Pass, $"{name} holds exactly one DMARC record", "exactly one v=DMARC1 record", seen));
        results.Add(Syntax(domain, record, seen));
        results.Add(Policy(domain, record, seen));
        var (uris, destinations) = ReportUris(domain, record, seen);
        results.Add(uris);
        results.Add(await ExternalDestinationsAsync(domain, destinations, seen, cancellationToken).ConfigureAwait(false));
        return results;
    }

    private static ScenarioResult Syntax(string domain, DmarcRecord record, List<string> seen)
    {
        const string expected = "v=DMARC1 first, then tag=value pairs separated by ';', with valid values";
        var notes = record.UnknownTags.Select(t => $"unknown tag '{t}' ignored (§6.3)").ToList();
        return record.IsValid
            ? DnsResult.Make(DnsChecks.DmarcSyntax, domain, Verdict.Pass, $"the DMARC record's {record.Tags.Count} tag(s) are well formed", expected, seen, notes)
            : DnsResult.Make(DnsChecks.DmarcSyntax, domain, Verdict.Fail, $"the DMARC record is malformed: {record.Errors[0]}", expected, seen, [.. record.Errors, .. notes]);
    }

    private static ScenarioResult Policy(string domain, DmarcRecord record, List<string> seen)
    {
        const string expected = "p=quarantine or p=reject";
        var notes = new List<string>();
        if (record.Tag("pct") is { } pct && int.TryParse(pct, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var percent) && percent < 100)
        {
            notes.Add($"pct={pct}: the policy applies to {pct}% of failing mail only");
        }

        if (record.Tag("sp") is { } sp)
        {
            notes.Add($"sp={sp}: the policy for subdomains");
        }

        var p = record.Tag("p");
        if (p is null)
        {
            var rua = record.Tag("rua") is null ? string.Empty : " (with rua= present, receivers treat it as p=none, §6.6.3)";
            return DnsResult.Make(DnsChecks.DmarcPolicy, domain, Verdict.Fail, $"the DMARC record has no p= tag, which §6.3 requires{rua}", expected, seen, notes);
        }

        if (!DmarcRecord.IsPolicy(p))
        {
            return DnsResult.Make(DnsChecks.DmarcPolicy, domain, Verdict.Fail, $"p={p} is not a DMARC policy (none, quarantine or reject)", expected, seen, notes);
        }

        var policy = p.ToLowerInvariant();
        return policy == "none"
            ? DnsResult.Make(DnsChecks.DmarcPolicy, domain, Verdict.Warn, "p=none: monitoring only; receivers are asked to take no action on mail that fails DMARC", expected, seen, notes)
            : DnsResult.Make(DnsChecks.DmarcPolicy, domain, Verdict.Pass, $"p={p}: receivers are asked to {(policy == "reject" ? "reject" : "quarantine")} mail that fails DMARC", expected, seen, notes);
    }

    private static (ScenarioResult Result, IReadOnlyList<(string Tag, DmarcUri Uri)> Destinations) ReportUris(string domain, DmarcRecord record, List<string> seen)
    {
        const string expected = "rua=/ruf= as comma-separated mailto: URIs";
        var uris = ReportTags
            .Where(t => record.Tag(t) is not null)
            .SelectMany(t => DmarcUri.ParseList(record.Tag(t)!).Select(u => (Tag: t, Uri: u)))
            .ToList();
        if (uris.Count == 0)
        {
            return (DnsResult.Make(DnsChecks.DmarcReportUris, domain, Verdict.Info, "no rua= or ruf=: the domain asks for no DMARC reports and will not see who sends as it", expected, seen), []);
        }

        var broken = uris.Where(u => u.Uri.Problem is not null).Select(u => $"{u.Tag}: {u.Uri.Problem}").ToList();
        var other = uris.Where(u => u.Uri.Problem is null && !u.Uri.IsMailto).Select(u => $"{u.Tag}: {u.Uri.Text} ({u.Uri.Scheme}: receivers need only support mailto:)").ToList();
        var mail = uris.Where(u => u.Uri.MailDomain is not null).ToList();
        var result = broken.Count > 0
            ? DnsResult.Make(DnsChecks.DmarcReportUris, domain, Verdict.Fail, broken[0], expected, seen, [.. broken, .. other])
            : other.Count > 0
                ? DnsResult.Make(DnsChecks.DmarcReportUris, domain, Verdict.Warn, other[0], expected, seen, other)
                : DnsResult.Make(DnsChecks.DmarcReportUris, domain, Verdict.Pass, $"{uris.Count} report URI(s), all mailto: with an address: {string.Join(", ", uris.Select(u => $"{u.Tag}={u.Uri.Text}"))}", expected, seen);
        if (record.Tag("rua") is null)
        {
            result = result with { Notes = [.. result.Notes, "no rua=: no aggregate reports are requested"] };
        }

        return (result, mail);
    }

    private async Task<ScenarioResult> ExternalDestinationsAsync(string domain, IReadOnlyList<(string Tag, DmarcUri Uri)> destinations, List<string> seen, CancellationToken cancellationToken)
    {
        const string expected = "a v=DMARC1 record at DOMAIN._report._dmarc.DESTINATION for every report address outside the domain";

        // Without the Public Suffix List the organizational domain is unknown: only the domain itself, names below it and
        // names above it count as the same organization.
        var external = destinations.Select(d => d.Uri.MailDomain!)
            .Where(d => !DomainName.IsAtOrBelow(d, domain) && !DomainName.IsAtOrBelow(domain, d))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (external.Count == 0)
        {
            return DnsResult.Skip(DnsChecks.DmarcExternalDestinations, domain, destinations.Count == 0 ? "no mailto: report address" : "every report address is inside the domain", seen);
        }

        var evidence = new List<string>(seen);
        var missing = new List<string>();
        var failed = new List<string>();
        foreach (var destination in external)
        {
            var name = $"{domain}._report._dmarc.{destination}";
            var (answer, texts) = await lookup.QueryTextsAsync(name, cancellationToken).ConfigureAwait(false);
            var agreeing = texts.Where(t => DmarcRecord.Parse(t).StartsWithVersion).ToList();
            evidence.AddRange(agreeing.Count > 0 ? agreeing.Select(t => $"TXT {name}: \"{t}\"") : [answer.Describe()]);
            if (answer.IsFailure)
            {
                failed.Add($"{destination}: {answer.Describe()}");
            }
            else if (agreeing.Count == 0)
            {
                missing.Add($"{destination} has not agreed to receive {domain}'s reports (no v=DMARC1 record at {name})");
            }
        }

        if (missing.Count > 0)
        {
            return DnsResult.Make(DnsChecks.DmarcExternalDestinations, domain, Verdict.Warn, $"{missing[0]}: receivers will not send reports there", expected, evidence, missing);
        }

        return failed.Count > 0
            ? DnsResult.Make(DnsChecks.DmarcExternalDestinations, domain, Verdict.Inconclusive, $"a lookup failed: {failed[0]}", expected, evidence, failed)
            : DnsResult.Make(DnsChecks.DmarcExternalDestinations, domain, Verdict.Pass, $"every external report destination agrees to receive the reports ({string.Join(", ", external)})", expected, evidence);
    }
}
