using ConformanceHarness.Scenarios;

namespace ConformanceHarness.Running.Dialogue.Steps;

/// <summary><c>C:</c> and <c>RAW:</c>: the bytes wait in the context until the next other step (one write for a pipeline).</summary>
internal sealed class SendHandler : StepHandler<SendStep>
{
    protected override Task<StepProblem?> ExecuteAsync(SendStep step, DialogueContext context, CancellationToken cancellationToken)
    {
        context.Pending.AddRange(Template.RenderBytes(step.Template, context.Variables));
        if (step.AppendCrlf)
        {
            context.Pending.Add((byte)'\r');
            context.Pending.Add((byte)'\n');
        }

        return Next;
    }
}
