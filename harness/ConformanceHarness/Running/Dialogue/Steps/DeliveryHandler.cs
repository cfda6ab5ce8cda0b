using ConformanceHarness.Scenarios;

namespace ConformanceHarness.Running.Dialogue.Steps;

/// <summary><c>DELIVERED</c> / <c>NOT-DELIVERED</c>: the delivery oracle decides whether the message arrived (or must not have).</summary>
internal sealed class DeliveryHandler : StepHandler<DeliveryStep>
{
    protected override async Task<StepProblem?> ExecuteAsync(DeliveryStep step, DialogueContext context, CancellationToken cancellationToken)
    {
        if (!context.Target.Oracles.TryGetValue(step.Where, out var oracle))
        {
            return new StepProblem(Verdict.Skip, $"the target has no '{step.Where}' delivery oracle", null, null);
        }

        var token = Template.RenderText(step.TokenTemplate, context.Variables);
        var wanted = step.Delivered ? step.Count ?? 1 : 1;

        // "count N" waits for one more than N, so that an extra copy arriving late is seen.
        var (messages, bounces, unreadable) = await DeliveredCopies.WaitAsync(context, step, oracle, step.Where, token, step.Count is { } c ? c + 1 : wanted, step.Within, cancellationToken).ConfigureAwait(false);
        if (unreadable is not null)
        {
            return unreadable;
        }

        if (bounces > 0)
        {
            context.Notes.Add($"{step.Where}: {bounces} bounce(s) quoting {token} arrived (accepted, then bounced later)");
        }

        DeliveredCopies.NoteHeaders(context, step.Where, messages, step.Show);
        var expected = step.Delivered
            ? $"{(step.Count is { } n ? $"exactly {n}" : "at least 1")} message(s) with {token} at the {step.Where} within {step.Within.TotalSeconds:0.#}s"
            : $"no message with {token} at the {step.Where} within {step.Within.TotalSeconds:0.#}s";
        var ok = step.Delivered
            ? (step.Count is { } count ? messages.Count == count : messages.Count >= 1)
            : messages.Count == 0;
        return ok ? null : context.Graded(step.Delivered ? $"delivery oracle: {messages.Count} message(s) arrived" : $"delivery oracle: {messages.Count} message(s) arrived that must not have", expected, $"{messages.Count} message(s)");
    }
}
