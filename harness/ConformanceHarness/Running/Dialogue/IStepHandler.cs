using ConformanceHarness.Scenarios;

namespace ConformanceHarness.Running.Dialogue;

/// <summary>Runs one kind of step. Null: the dialogue goes on; a problem: it stops there (see <see cref="DialogueOutcome.Stop"/>).</summary>
internal interface IStepHandler
{
    Task<StepProblem?> ExecuteAsync(Step step, DialogueContext context, CancellationToken cancellationToken);
}
