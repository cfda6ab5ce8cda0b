using ConformanceHarness.Scenarios;

namespace ConformanceHarness.Running.Dialogue.Steps;

/// <summary>
/// <c>ASSERT check [args]</c>: a built-in check of the last reply or delivered copy. A failed check is graded by the
/// scenario's level; an argument the check cannot use is a scenario error (nothing about the server was judged).
/// </summary>
internal sealed class AssertHandler : StepHandler<AssertStep>
{
    protected override Task<StepProblem?> ExecuteAsync(AssertStep step, DialogueContext context, CancellationToken cancellationToken)
    {
        var current = context.Current;
        var checkContext = new CheckContext(current?.LastSmtp, current?.LastPop3, context.LastDelivered, context.Variables)
        {
            SessionSmtp = current is null ? [] : [.. current.SessionSmtp],
            Transcript = context.Transcript.Entries,
            Connection = current?.Name ?? "main",
            Note = text =>
            {
                context.Notes.Add($"line {step.Line}: {text}");
                context.Transcript.Note(text, current?.Name ?? "main");
            },
            ReplyAfter = current?.LastReplyAfter,
            ReplyWasClose = current?.LastWasClose ?? false,
        };
        string? failure;
        try
        {
            failure = ReplyChecks.Check(step.Check, Template.RenderText(step.Arguments, context.Variables), checkContext);
        }
        catch (CheckArgumentException e)
        {
            return Task.FromResult<StepProblem?>(StepProblem.ScenarioError($"ASSERT {step.Check}: {e.Message}"));
        }

        if (step.Check == "reply-after" && ReplyChecks.ReplyAfterFigure(checkContext) is { } figure)
        {
            // A timing check prints what it measured, pass or fail: the figure is the evidence.
            context.Notes.Add($"line {step.Line}: {figure}");
        }

        if (failure is not null && step.Should)
        {
            // A SHOULD broken: the scenario ends Warn (Info at level info) unless something worse follows; nothing stops here.
            context.Outcome.Tolerated ??= ($"ASSERT should {step.Check} {step.Arguments}".TrimEnd(), failure, step.Line);
            context.Notes.Add($"line {step.Line}: a SHOULD is not met — {step.Check}: {failure}");
            return Task.FromResult<StepProblem?>(null);
        }

        return Task.FromResult<StepProblem?>(failure is null
            ? null
            : context.Graded($"check {step.Check} failed: {failure}", $"ASSERT {step.Check} {step.Arguments}".TrimEnd(), failure));
    }
}
