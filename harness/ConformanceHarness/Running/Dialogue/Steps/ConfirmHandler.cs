using ConformanceHarness.Scenarios;

namespace ConformanceHarness.Running.Dialogue.Steps;

/// <summary>
/// <c>CONFIRM</c>: asks the delivery oracle whether the open finding's message arrived. Arrived confirms the finding;
/// anything else is a note. It never stops the dialogue.
/// </summary>
internal sealed class ConfirmHandler : StepHandler<ConfirmStep>
{
    protected override async Task<StepProblem?> ExecuteAsync(ConfirmStep step, DialogueContext context, CancellationToken cancellationToken)
    {
        var token = Template.RenderText(step.TokenTemplate, context.Variables);
        if (!context.Target.Oracles.TryGetValue(step.Where, out var oracle))
        {
            context.Notes.Add($"line {step.Line}: not confirmed — the target has no '{step.Where}' delivery oracle");
            return null;
        }

        var (messages, bounces, unreadable) = await DeliveredCopies.WaitAsync(context, step, oracle, step.Where, token, 1, step.Within, cancellationToken).ConfigureAwait(false);
        if (unreadable is not null)
        {
            return unreadable;
        }

        DeliveredCopies.NoteHeaders(context, step.Where, messages, step.Show);
        if (messages.Count > 0)
        {
            if (context.Outcome.Finding is not null)
            {
                context.Outcome.Confirm(step.Label, $"and the message carrying {token} arrived at the {step.Where}");
            }

            context.Notes.Add($"line {step.Line}: {step.Label} — {messages.Count} message(s) carrying {token} arrived at the {step.Where}");
        }
        else if (bounces > 0)
        {
            context.Notes.Add($"line {step.Line}: accepted, then bounced — only {bounces} bounce(s) quoting {token} reached the {step.Where} (not a confirmed delivery)");
        }
        else
        {
            context.Notes.Add($"line {step.Line}: not confirmed — nothing carrying {token} reached the {step.Where} within {step.Within.TotalSeconds:0.#}s");
        }

        return null;
    }
}
