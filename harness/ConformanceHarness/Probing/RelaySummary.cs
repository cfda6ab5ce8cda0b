using ConformanceHarness.Running;

namespace ConformanceHarness.Probing;

/// <summary>
/// How many unauthenticated relay forms were tried on one target and what became of them: refused at RCPT, accepted at
/// RCPT ("accepted for relay"), confirmed (the message really arrived), or no grade (greylisted, timed out, skipped).
/// </summary>
public sealed record RelaySummary(string Target, int Tried, IReadOnlyList<string> Refused, IReadOnlyList<string> Accepted, IReadOnlyList<string> Confirmed, IReadOnlyList<string> Ungraded)
{
    /// <summary>The id prefix of the relay forms; the authenticated-relay check is the counterpart, not a form.</summary>
    public const string Prefix = "smtp/relay/";

    public const string AuthenticatedCheck = "smtp/relay/authenticated-submission";

    public static bool IsRelayForm(string scenarioId)
    {
        ArgumentNullException.ThrowIfNull(scenarioId);
        return scenarioId.StartsWith(Prefix, StringComparison.Ordinal) && scenarioId != AuthenticatedCheck;
    }

    /// <summary>Summaries per target, from the results of any run (other scenarios are ignored).</summary>
    public static IReadOnlyList<RelaySummary> PerTarget(IEnumerable<ScenarioResult> results) =>
        results.Where(r => IsRelayForm(r.ScenarioId)).GroupBy(r => r.Target, StringComparer.Ordinal).Select(g => From(g, g.Key)).ToList();

    /// <summary>The summary of one target's results (skipped forms are not counted as tried).</summary>
    public static RelaySummary From(IEnumerable<ScenarioResult> results, string? target = null)
    {
        var forms = results.Where(r => IsRelayForm(r.ScenarioId) && r.Verdict != Verdict.Skip).ToList();
        static string Form(ScenarioResult r) => r.ScenarioId[Prefix.Length..];
        return new RelaySummary(
            target ?? forms.Select(r => r.Target).FirstOrDefault() ?? string.Empty,
            forms.Count,
            forms.Where(r => r.Verdict == Verdict.Pass).Select(Form).ToList(),
            forms.Where(r => r.Finding is not null).Select(Form).ToList(),
            forms.Where(r => r.Finding is not null && r.Confirmed).Select(Form).ToList(),
            forms.Where(r => r.Verdict is not Verdict.Pass && r.Finding is null).Select(Form).ToList());
    }

    /// <summary>"N relay forms tried, M refused, K accepted at RCPT, J confirmed: [ids]".</summary>
    public override string ToString()
    {
        var text = $"{Tried} relay forms tried, {Refused.Count} refused, {Accepted.Count} accepted at RCPT, {Confirmed.Count} confirmed";
        if (Accepted.Count > 0)
        {
            text += $": [{string.Join(", ", Accepted.Select(a => Confirmed.Contains(a) ? a + " (confirmed)" : a))}]";
        }

        if (Ungraded.Count > 0)
        {
            text += $"; {Ungraded.Count} without a grade: [{string.Join(", ", Ungraded)}]";
        }

        return text;
    }
}
