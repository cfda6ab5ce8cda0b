using ConformanceHarness.Scenarios;

namespace ConformanceHarness.Running.Dialogue.Steps;

/// <summary><c>DROP</c>: resets the current connection without QUIT.</summary>
internal sealed class DropHandler : StepHandler<DropStep>
{
    protected override Task<StepProblem?> ExecuteAsync(DropStep step, DialogueContext context, CancellationToken cancellationToken)
    {
        context.Connection.Wire.Abort();
        return Next;
    }
}
