namespace ConformanceHarness.Running.Dialogue;

/// <summary>
/// What the dialogue has established so far beyond "every expectation met": a tolerated fallback, a finding (a FINDING
/// branch that matched) and its confirmation. Turns the step that stopped the dialogue (or none) into the result.
/// </summary>
internal sealed class DialogueOutcome
{
    public (string Expected, string Actual, int Line)? Tolerated { get; set; }

    public (string Description, string Expected, string Actual, int Line)? Finding { get; set; }

    /// <summary>
    /// A BENIGN branch's explanation (e.g. "the server accepts any local part at example.test: a catch-all"): a finding
    /// that stays unconfirmed is then Info, not a Fail — the reply alone does not tell the finding from the explanation.
    /// </summary>
    public string? Benign { get; set; }

    /// <summary>The CONFIRM label ("confirmed relay") once the oracle saw the finding's message arrive.</summary>
    public string? Confirmation { get; private set; }

    private string confirmationDetail = string.Empty;

    public void Confirm(string label, string detail)
    {
        Confirmation = label;
        confirmationDetail = detail;
    }

    /// <summary>
    /// The dialogue stopped on <paramref name="stop"/> at <paramref name="line"/>, or ran to the end (both null).
    /// A Pass-graded stop, or any stop after a finding, concludes; any other stop is the result as it is.
    /// </summary>
    public ScenarioResult Stop(DialogueContext context, StepProblem? stop, int? line) =>
        stop is null || stop.Verdict == Verdict.Pass || Finding is not null
            ? Concluded(context, stop, line)
            : context.Finish(stop.Verdict, stop.Summary, stop.Expected, stop.Actual, line);

    /// <summary>
    /// The dialogue is over: it ran to the end (<paramref name="stop"/> null), ended early because the rule held
    /// (a Pass-graded stop: the reply that means "refused" on a FINDING line, or the polite guard), or ended on a
    /// problem after a finding (the finding stands; the problem becomes a note).
    /// </summary>
    private ScenarioResult Concluded(DialogueContext context, StepProblem? stop, int? line)
    {
        if (Finding is { } f)
        {
            if (stop is not null)
            {
                context.Notes.Add($"after the finding, line {line}: {stop.Summary}");
            }

            if (Confirmation is null && Benign is { } benign)
            {
                return context.Finish(Verdict.Info, $"accepted ({f.Actual}), but {benign}", f.Expected, f.Actual, f.Line);
            }

            var verdict = context.Graded(string.Empty, null, null).Verdict;
            var summary = Confirmation is { } c ? $"{c}: {f.Description} ({f.Actual}), {confirmationDetail}" : $"{f.Description}: {f.Actual}";
            return context.Finish(verdict, summary, f.Expected, f.Actual, f.Line) with { Finding = f.Description, Confirmed = Confirmation is not null };
        }

        if (Tolerated is { } t)
        {
            var verdict = context.Scenario.Level == Scenarios.Level.Info ? Verdict.Info : Verdict.Warn;
            return context.Finish(verdict, $"tolerated, not preferred: expected {t.Expected}, got {t.Actual}", t.Expected, t.Actual, t.Line);
        }

        return stop is null
            ? context.Finish(Verdict.Pass, "every expectation was met", null, null, null)
            : context.Finish(Verdict.Pass, stop.Summary, stop.Expected, stop.Actual, line);
    }
}
