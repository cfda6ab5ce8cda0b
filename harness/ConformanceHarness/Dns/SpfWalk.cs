using DnsClient;
using DnsClient.Protocol;

namespace ConformanceHarness.Dns;

/// <summary>
/// Follows an SPF record the way check_host() could, without a message: counts every DNS-querying term through the
/// include: and redirect= records it resolves (RFC 7208 §4.6.4), asks the names that a, mx and exists would ask to
/// count void lookups, and notes targets without a usable SPF record (§5.2, §6.1), ptr use (§5.5) and loops.
/// </summary>
internal sealed class SpfWalk
{
    /// <summary>§4.6.4: the limit on DNS-querying terms.</summary>
    public const int LookupLimit = 10;

    /// <summary>§4.6.4: the recommended limit on void lookups.</summary>
    public const int VoidLimit = 2;

    /// <summary>§4.6.4: an mx mechanism must not look at more than 10 MX records.</summary>
    public const int MxLimit = 10;

    private readonly DnsLookup lookup;

    public SpfWalk(DnsLookup lookup) => this.lookup = lookup;

    public int Lookups { get; private set; }

    /// <summary>The counted terms, each with the record it is in: <c>include:_spf.example.test (in example.test)</c>.</summary>
    public List<string> Counted { get; } = [];

    public List<string> Voids { get; } = [];

    /// <summary>include:/redirect= targets without exactly one valid SPF record.</summary>
    public List<string> BrokenTargets { get; } = [];

    /// <summary>Lookups that failed (SERVFAIL/REFUSED, timeout): SPF's temperror.</summary>
    public List<string> Failures { get; } = [];

    public List<string> PtrUses { get; } = [];

    public List<string> Loops { get; } = [];

    public List<string> MxOverLimit { get; } = [];

    /// <summary>Terms whose domain holds a macro: they depend on the message and were counted but not asked.</summary>
    public List<string> NotResolved { get; } = [];

    /// <summary>The SPF records fetched on the way, by domain (for the redirect chain of the all qualifier).</summary>
    public Dictionary<string, SpfRecord> Records { get; } = new(StringComparer.Ordinal);

    /// <summary>What the walk saw, for evidence: each record fetched and each lookup that came back empty or failed.</summary>
    public List<string> Seen { get; } = [];

    public bool IncludesOrRedirects { get; private set; }

    /// <summary>The limit was passed and the walk stopped asking (the count is then a lower bound).</summary>
    public bool Stopped { get; private set; }

    public async Task RunAsync(string domain, SpfRecord record, CancellationToken cancellationToken)
    {
        Records[domain] = record;
        await WalkAsync(domain, record, [domain], cancellationToken).ConfigureAwait(false);
    }

    private async Task WalkAsync(string domain, SpfRecord record, IReadOnlyList<string> path, CancellationToken cancellationToken)
    {
        // §6.1: redirect= is used only when the record has no all mechanism; it is then evaluated after the mechanisms.
        var terms = record.Terms.Where(t => !t.IsModifier).ToList();
        if (record.All is null && record.Redirect is { } redirect)
        {
            terms.Add(redirect);
        }

        foreach (var term in terms.Where(t => t.CountsTowardLookupLimit))
        {
            Lookups++;
            Counted.Add($"{term.Text} (in {domain})");
            if (Lookups > LookupLimit)
            {
                Stopped = true;
                return;
            }

            if (term.Name == "ptr")
            {
                PtrUses.Add($"{term.Text} (in {domain})");
                continue;
            }

            if (term.HasMacro)
            {
                NotResolved.Add($"{term.Text} (in {domain})");
                continue;
            }

            var target = DomainName.Normalize(term.DomainSpec ?? domain);
            switch (term.Name)
            {
                case "include" or "redirect":
                    IncludesOrRedirects = true;
                    await FollowAsync(term, target, path, cancellationToken).ConfigureAwait(false);
                    if (Stopped)
                    {
                        return;
                    }

                    break;
                case "a" or "exists":
                    await AddressLookupAsync(term, target, domain, cancellationToken).ConfigureAwait(false);
                    break;
                case "mx":
                    await MxLookupAsync(term, target, domain, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
    }

    private async Task FollowAsync(SpfTerm term, string target, IReadOnlyList<string> path, CancellationToken cancellationToken)
    {
        if (path.Contains(target, StringComparer.Ordinal))
        {
            // A loop never ends: a real evaluation runs into the limit of 10.
            Loops.Add($"{string.Join(" → ", path)} → {target}");
            return;
        }

        var (answer, texts) = await lookup.QueryTextsAsync(target, cancellationToken).ConfigureAwait(false);
        var spf = texts.Where(SpfRecord.IsSpf).ToList();
        Seen.Add(spf.Count > 0 ? string.Join('\n', spf.Select(t => $"TXT {target}: \"{t}\"")) : answer.Describe());
        if (answer.IsFailure || answer.Status == DnsLookupStatus.InvalidName)
        {
            Failures.Add($"{term.Text}: {answer.Describe()}");
            return;
        }

        if (answer.IsVoid)
        {
            Voids.Add($"{term.Text}: {answer.Describe()}");
        }

        if (spf.Count != 1)
        {
            BrokenTargets.Add(spf.Count == 0
                ? $"{term.Text}: {target} has no SPF record ({answer.Detail}), so the {term.Name} is a permerror"
                : $"{term.Text}: {target} has {spf.Count} SPF records, so the {term.Name} is a permerror");
            return;
        }

        var record = SpfRecord.Parse(spf[0]);
        if (!record.IsValid)
        {
            BrokenTargets.Add($"{term.Text}: the record of {target} has syntax errors ({string.Join("; ", record.Errors)})");
            return;
        }

        Records[target] = record;
        await WalkAsync(target, record, [.. path, target], cancellationToken).ConfigureAwait(false);
    }

    private async Task AddressLookupAsync(SpfTerm term, string target, string domain, CancellationToken cancellationToken)
    {
        // A real evaluation asks A or AAAA (the client's family); void here means neither family has a record.
        var answers = await Task.WhenAll(
            lookup.QueryAsync(target, QueryType.A, cancellationToken),
            lookup.QueryAsync(target, QueryType.AAAA, cancellationToken)).ConfigureAwait(false);
        Record(term, domain, answers);
    }

    private async Task MxLookupAsync(SpfTerm term, string target, string domain, CancellationToken cancellationToken)
    {
        var answer = await lookup.QueryAsync(target, QueryType.MX, cancellationToken).ConfigureAwait(false);
        Record(term, domain, [answer]);
        var count = answer.Records.OfType<MxRecord>().Count();
        if (count > MxLimit)
        {
            MxOverLimit.Add($"{term.Text} (in {domain}): {target} has {count} MX records; §4.6.4 allows looking at {MxLimit}");
        }
    }

    private void Record(SpfTerm term, string domain, DnsAnswer[] answers)
    {
        if (answers.FirstOrDefault(a => a.IsFailure) is { } failed)
        {
            Failures.Add($"{term.Text} (in {domain}): {failed.Describe()}");
            Seen.Add(failed.Describe());
        }
        else if (answers.All(a => a.IsVoid))
        {
            Voids.Add($"{term.Text} (in {domain}): {string.Join(", ", answers.Select(a => a.Describe()))}");
            Seen.AddRange(answers.Select(a => a.Describe()));
        }
    }
}
