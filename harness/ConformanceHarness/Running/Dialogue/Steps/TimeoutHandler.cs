using ConformanceHarness.Scenarios;

namespace ConformanceHarness.Running.Dialogue.Steps;

/// <summary><c>TIMEOUT 30s</c>: the step timeout of the steps that follow.</summary>
internal sealed class TimeoutHandler : StepHandler<TimeoutStep>
{
    protected override Task<StepProblem?> ExecuteAsync(TimeoutStep step, DialogueContext context, CancellationToken cancellationToken)
    {
        context.StepTimeout = step.Duration;
        return Next;
    }
}
