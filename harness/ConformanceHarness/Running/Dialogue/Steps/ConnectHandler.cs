using ConformanceHarness.Protocols;
using ConformanceHarness.Scenarios;

namespace ConformanceHarness.Running.Dialogue.Steps;

/// <summary><c>CONNECT name [role]</c>: opens another connection (to the scenario's role unless one is named) and makes it current.</summary>
internal sealed class ConnectHandler : StepHandler<ConnectStep>
{
    protected override async Task<StepProblem?> ExecuteAsync(ConnectStep step, DialogueContext context, CancellationToken cancellationToken)
    {
        var role = step.Role ?? context.Scenario.Role;
        if (!context.Target.Roles.TryGetValue(role, out var endpoint))
        {
            return new StepProblem(Verdict.Skip, $"the target serves no '{role}' role", null, null);
        }

        return await ConnectionOpening.OpenAsync(context, step.Name, Role.Parse(role), endpoint, cancellationToken).ConfigureAwait(false);
    }
}
