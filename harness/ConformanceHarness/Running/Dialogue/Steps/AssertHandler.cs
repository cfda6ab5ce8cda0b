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

        return Task.FromResult<StepProblem?>(failure is null
            ? null
            : context.Graded($"check {step.Check} failed: {failure}", $"ASSERT {step.Check} {step.Arguments}".TrimEnd(), failure));
    }
}
