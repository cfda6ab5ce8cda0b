using ConformanceHarness.Running;

namespace ConformanceHarness.Dns;

/// <summary>The MTA-STS checks of one domain (RFC 8461 §3.1): optional, but when published, one well-formed record.</summary>
internal sealed class MtaStsChecks
{
    private readonly DnsLookup lookup;

    public MtaStsChecks(DnsLookup lookup) => this.lookup = lookup;

    public async Task<IReadOnlyList<ScenarioResult>> CheckAsync(string domain, CancellationToken cancellationToken)
    {
        var name = $"_mta-sts.{domain}";
        var (answer, texts) = await lookup.QueryTextsAsync(name, cancellationToken).ConfigureAwait(false);
        if (answer.IsFailure || answer.Status == DnsLookupStatus.InvalidName)
        {
            return [DnsResult.Inconclusive(DnsChecks.MtaStsSingleRecord, domain, answer), DnsResult.Inconclusive(DnsChecks.MtaStsSyntax, domain, answer)];
        }

        var records = texts.Where(MtaStsRecord.IsMtaSts).ToList();
        var seen = records.Select(t => $"TXT {name}: \"{t}\"").ToList();
        if (records.Count == 0)
        {
            seen.Add(answer.Describe());
            return
            [
                DnsResult.Make(DnsChecks.MtaStsSingleRecord, domain, Verdict.Info, $"{domain} publishes no MTA-STS record (optional): senders may deliver to it without TLS", "at most one v=STSv1 record at _mta-sts.DOMAIN", seen),
                DnsResult.Skip(DnsChecks.MtaStsSyntax, domain, "no MTA-STS record", seen),
            ];
        }

        if (records.Count > 1)
        {
            return
            [
                DnsResult.Make(DnsChecks.MtaStsSingleRecord, domain, Verdict.Fail, $"{name} holds {records.Count} MTA-STS records: senders must act as if there were no policy", "at most one v=STSv1 record at _mta-sts.DOMAIN", seen),
                DnsResult.Skip(DnsChecks.MtaStsSyntax, domain, $"not evaluated: {records.Count} records mean no policy", seen),
            ];
        }

        var record = MtaStsRecord.Parse(records[0]);
        var notes = new List<string> { "the policy file (https://mta-sts.DOMAIN/.well-known/mta-sts.txt) was not fetched" };
        return
        [
            DnsResult.Make(DnsChecks.MtaStsSingleRecord, domain, Verdict.Pass, $"{name} holds one MTA-STS record", "at most one v=STSv1 record at _mta-sts.DOMAIN", seen),
            record.IsValid
                ? DnsResult.Make(DnsChecks.MtaStsSyntax, domain, Verdict.Pass, $"the MTA-STS record is well formed (id={record.Id})", "v=STSv1; id=1*32(ALPHA / DIGIT)", seen, notes)
                : DnsResult.Make(DnsChecks.MtaStsSyntax, domain, Verdict.Fail, $"the MTA-STS record is malformed, so senders ignore it: {record.Errors[0]}", "v=STSv1; id=1*32(ALPHA / DIGIT)", seen, [.. record.Errors, .. notes]),
        ];
    }
}
