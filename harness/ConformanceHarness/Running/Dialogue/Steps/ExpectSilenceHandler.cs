using ConformanceHarness.Scenarios;
using ConformanceHarness.Wire;

namespace ConformanceHarness.Running.Dialogue.Steps;

/// <summary><c>EXPECT-SILENCE 2s</c>: the server sends nothing for the whole window.</summary>
internal sealed class ExpectSilenceHandler : StepHandler<ExpectSilenceStep>
{
    protected override async Task<StepProblem?> ExecuteAsync(ExpectSilenceStep step, DialogueContext context, CancellationToken cancellationToken)
    {
        var (received, _) = await context.Connection.Wire.CollectAsync(step.Window, cancellationToken).ConfigureAwait(false);
        return received.Length == 0
            ? null
            : context.Graded($"the server sent data when it should have stayed silent: {Transcript.Visible(received)}", $"silence for {step.Window.TotalSeconds:0.#}s", Transcript.Visible(received));
    }
}
