using ConformanceHarness.Scenarios;
using ConformanceHarness.Wire;
using Polly.Timeout;

namespace ConformanceHarness.Running.Dialogue.Steps;

/// <summary><c>EXPECT-CLOSE</c>: the server closes the connection within the step timeout, sending nothing more.</summary>
internal sealed class ExpectCloseHandler : StepHandler<ExpectCloseStep>
{
    protected override async Task<StepProblem?> ExecuteAsync(ExpectCloseStep step, DialogueContext context, CancellationToken cancellationToken)
    {
        var connection = context.Connection;
        try
        {
            var (_, received) = await context.WithTimeoutAsync(ct => new ValueTask<(bool, byte[])>(connection.Wire.WaitForCloseAsync(ct)), cancellationToken).ConfigureAwait(false);
            return received.Length == 0
                ? null
                : context.Graded($"the server sent {received.Length} more byte(s) before closing", "close", Transcript.Visible(received));
        }
        catch (TimeoutRejectedException)
        {
            return context.Graded($"the connection was still open after {context.Seconds}", "close", "still open");
        }
    }
}
