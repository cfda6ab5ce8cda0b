using ConformanceHarness.Reporting;

namespace ConformanceHarness.Running;

/// <summary>
/// One cause, one finding: of the results that stopped on the same <see cref="ResultCause"/>, the scenario that is
/// about it keeps its grade; every other one is not graded (Skip) and points there, so a server that greets 554 shows
/// one Warn on the greeting scenario and a hundred "not graded" instead of a hundred "expected 220".
/// </summary>
public static class CauseAttribution
{
    /// <summary>
    /// The scenarios about each kind of cause (key prefix → scenario ids). A cause nobody is named for (a framing error
    /// after RCPT, say) is reported by the first result that met it, in catalog order.
    /// </summary>
    private static readonly (string KeyPrefix, Func<string, bool> Owns)[] Owners =
    [
        ("greeting:smtp:", id => id is "smtp/rfc5321/4.3.1/greeting" or "smtp/rfc5321/3.1/greeting-554"),
        ("greeting:pop3:", id => id == "pop3/rfc1939/4/greeting"),
        ("quit:smtp:", id => id == "smtp/rfc5321/4.1.1.10/quit" || (id.StartsWith("smtp/rfc5321/4.1.4/command-order/", StringComparison.Ordinal) && id.EndsWith("/quit", StringComparison.Ordinal))),
        ("quit:pop3:", id => id == "pop3/rfc1939/4/quit"),
        ("framing:smtp:after-greeting", id => id == "smtp/rfc5321/4.3.1/greeting"),
        ("framing:smtp:after-EHLO", id => id == "smtp/rfc5321/4.1.1.1/ehlo"),
        ("framing:pop3:after-greeting", id => id == "pop3/rfc1939/4/greeting"),
        ("framing:pop3:unstuffed", id => id == "pop3/rfc1939/5/retr"),
        ("framing:pop3:unterminated", id => id == "pop3/rfc1939/5/list"),
    ];

    /// <summary>Whether <paramref name="scenarioId"/> is a scenario about <paramref name="cause"/>.</summary>
    public static bool IsAbout(string scenarioId, ResultCause cause)
    {
        ArgumentNullException.ThrowIfNull(scenarioId);
        ArgumentNullException.ThrowIfNull(cause);
        return Owners.Any(o => cause.Key.StartsWith(o.KeyPrefix, StringComparison.Ordinal) && o.Owns(scenarioId));
    }

    /// <summary>
    /// The results of one target's run (in catalog order), with every result that merely ran into another scenario's
    /// cause turned into a Skip that points to it. Passes, skips and errors (the harness could not run) stay as they are.
    /// </summary>
    public static IReadOnlyList<ReportEntry> Apply(IReadOnlyList<ReportEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var reporters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in entries.Where(e => e.Result.Cause is not null && IsGraded(e.Result.Verdict)).GroupBy(e => e.Result.Cause!.Key))
        {
            var reporter = group.FirstOrDefault(e => IsAbout(e.Scenario.Id, e.Result.Cause!)) ?? group.First();
            reporters[group.Key] = reporter.Scenario.Id;
        }

        return [.. entries.Select(e => e.Result.Cause is { } cause && IsGraded(e.Result.Verdict) && reporters.TryGetValue(cause.Key, out var reporter)
            && reporter != e.Scenario.Id && !IsAbout(e.Scenario.Id, cause)
                ? e with { Result = NotGraded(e.Result, cause, reporter) }
                : e)];
    }

    private static bool IsGraded(Verdict verdict) => verdict is Verdict.Fail or Verdict.Warn or Verdict.Info or Verdict.Inconclusive;

    private static ScenarioResult NotGraded(ScenarioResult result, ResultCause cause, string reporter) => result with
    {
        Verdict = Verdict.Skip,
        Summary = $"not graded: {cause.Text}, see {reporter}",
        Deviation = null,
        Finding = null,
        Confirmed = false,
        CauseReportedBy = reporter,
        Notes = [.. result.Notes, $"stopped by the cause {reporter} reports ({VerdictNames.Of(result.Verdict)} before: {result.Summary})"],
    };
}
