using ConformanceHarness.Scenarios;

namespace ConformanceHarness.Running.Dialogue.Steps;

/// <summary><c>SET name = value</c>.</summary>
internal sealed class SetHandler : StepHandler<SetStep>
{
    protected override Task<StepProblem?> ExecuteAsync(SetStep step, DialogueContext context, CancellationToken cancellationToken)
    {
        context.Variables[step.Name] = Template.RenderText(step.Template, context.Variables);
        return Next;
    }
}
