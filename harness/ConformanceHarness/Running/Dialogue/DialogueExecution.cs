using ConformanceHarness.Protocols;
using ConformanceHarness.Scenarios;
using ConformanceHarness.Targets;

namespace ConformanceHarness.Running.Dialogue;

/// <summary>
/// The interpreter: one run of one scenario's dialogue on one target. Opens the first connection, hands each step to
/// its handler (<see cref="StepHandlers"/>), writes collected sends before every other step, and turns the step that
/// stopped the dialogue (or none) into the result (<see cref="DialogueOutcome"/>).
/// </summary>
internal sealed class DialogueExecution(Scenario scenario, RunningTarget target, RunOptions options, Capabilities capabilities, ConnectionBudget? budget) : IAsyncDisposable
{
    private readonly DialogueContext context = new(scenario, target, options, capabilities, budget);

    public async Task<ScenarioResult> RunAsync(RoleEndpoint endpoint, CancellationToken cancellationToken)
    {
        var steps = context.Scenario.Steps;
        var opened = await ConnectionOpening.OpenAsync(context, "main", Role.Parse(context.Scenario.Role), endpoint, cancellationToken).ConfigureAwait(false);
        if (opened is not null)
        {
            return context.Outcome.Stop(context, opened, steps[0].Line);
        }

        foreach (var step in steps)
        {
            // Sends wait for the next other step, so that a pipelined group goes out in one write (RFC 2920).
            var problem = step is SendStep ? null : await PendingSend.FlushAsync(context, cancellationToken).ConfigureAwait(false);
            problem ??= await RunStepAsync(step, cancellationToken).ConfigureAwait(false);
            if (problem is not null)
            {
                return context.Outcome.Stop(context, problem, step.Line);
            }
        }

        var last = await PendingSend.FlushAsync(context, cancellationToken).ConfigureAwait(false);
        return context.Outcome.Stop(context, last, last is null ? null : steps[^1].Line);
    }

    /// <summary>The result as it stands (for the runner's scenario timeout), with everything recorded so far.</summary>
    public ScenarioResult Finish(Verdict verdict, string summary, string? expected, string? actual, int? line) =>
        context.Finish(verdict, summary, expected, actual, line);

    private async Task<StepProblem?> RunStepAsync(Step step, CancellationToken cancellationToken)
    {
        if (StepHandlers.For(step) is not { } handler)
        {
            return new StepProblem(Verdict.Error, $"step {step.GetType().Name} is not supported", null, null);
        }

        try
        {
            return await handler.ExecuteAsync(step, context, cancellationToken).ConfigureAwait(false);
        }
        catch (UndefinedVariableException e)
        {
            return StepProblem.ScenarioError(e.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in context.Connections.Values)
        {
            await SessionEnd.QuitAsync(connection).ConfigureAwait(false);
            await connection.Wire.DisposeAsync().ConfigureAwait(false);
        }
    }
}
