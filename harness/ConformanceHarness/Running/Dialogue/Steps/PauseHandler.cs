using ConformanceHarness.Scenarios;

namespace ConformanceHarness.Running.Dialogue.Steps;

/// <summary><c>PAUSE 500ms</c>.</summary>
internal sealed class PauseHandler : StepHandler<PauseStep>
{
    protected override async Task<StepProblem?> ExecuteAsync(PauseStep step, DialogueContext context, CancellationToken cancellationToken)
    {
        await Task.Delay(step.Duration, cancellationToken).ConfigureAwait(false);
        return null;
    }
}
