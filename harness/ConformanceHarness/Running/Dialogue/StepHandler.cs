using ConformanceHarness.Scenarios;

namespace ConformanceHarness.Running.Dialogue;

/// <summary>A handler for steps of type <typeparamref name="TStep"/>: the table hands it only those.</summary>
internal abstract class StepHandler<TStep> : IStepHandler
    where TStep : Step
{
    /// <summary>The dialogue goes on.</summary>
    protected static Task<StepProblem?> Next { get; } = Task.FromResult<StepProblem?>(null);

    public Task<StepProblem?> ExecuteAsync(Step step, DialogueContext context, CancellationToken cancellationToken) =>
        ExecuteAsync((TStep)step, context, cancellationToken);

    protected abstract Task<StepProblem?> ExecuteAsync(TStep step, DialogueContext context, CancellationToken cancellationToken);
}
