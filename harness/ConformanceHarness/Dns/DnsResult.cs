using ConformanceHarness.Running;

namespace ConformanceHarness.Dns;

/// <summary>Builds the <see cref="ScenarioResult"/> of one DNS check: id, domain as target, the records seen as Actual.</summary>
internal static class DnsResult
{
    public static ScenarioResult Make(string id, string domain, Verdict verdict, string summary, string? expected, IEnumerable<string> seen, IEnumerable<string>? notes = null)
    {
        var records = seen.ToList();
        return new ScenarioResult
        {
            ScenarioId = id,
            Target = domain,
            Verdict = verdict,
            Summary = summary,
            Expected = expected,
            Actual = records.Count == 0 ? "(no record)" : string.Join('\n', records),
            Notes = notes?.ToList() ?? [],
        };
    }

    /// <summary>The check could not be graded because a record it depends on is missing or broken.</summary>
    public static ScenarioResult Skip(string id, string domain, string why, IEnumerable<string> seen) =>
        Make(id, domain, Verdict.Skip, why, null, seen);

    /// <summary>The resolver failed (SERVFAIL/REFUSED, timeout): SPF's "temperror"; no grade.</summary>
    public static ScenarioResult Inconclusive(string id, string domain, DnsAnswer answer) =>
        Make(id, domain, Verdict.Inconclusive, $"the lookup failed, so the record is unknown: {answer.Describe()}", null, [answer.Describe()]);
}
