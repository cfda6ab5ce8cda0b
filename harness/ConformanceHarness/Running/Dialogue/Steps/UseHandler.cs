using ConformanceHarness.Scenarios;

namespace ConformanceHarness.Running.Dialogue.Steps;

/// <summary><c>USE name</c>: makes an open connection current.</summary>
internal sealed class UseHandler : StepHandler<UseStep>
{
    protected override Task<StepProblem?> ExecuteAsync(UseStep step, DialogueContext context, CancellationToken cancellationToken)
    {
        if (!context.Connections.TryGetValue(step.Name, out var chosen))
        {
            return Task.FromResult<StepProblem?>(StepProblem.ScenarioError($"no connection named '{step.Name}'"));
        }

        context.Current = chosen;
        return Next;
    }
}
