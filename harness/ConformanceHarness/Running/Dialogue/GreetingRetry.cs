using ConformanceHarness.Protocols;
using ConformanceHarness.Wire;

namespace ConformanceHarness.Running.Dialogue;

/// <summary>
/// The greeting read of a connection on which nothing was sent yet: while the server turns the connection away
/// (<see cref="ServiceRefusal"/>) and the expectation does not ask for exactly that, the connection is opened again after
/// a backoff and the greeting read again, for at most a third of the scenario's bound. Every refusal is a limit signal to the target's <see cref="ConnectionBudget"/>,
/// every greeting that came a sign it may grow again.
/// </summary>
internal static class GreetingRetry
{
    /// <summary>Attempt <paramref name="Number"/> (from 1): the greeting read (reply or failure), or the connection could not be opened again (<paramref name="Problem"/>).</summary>
    internal sealed record Attempt(ProtocolReply? Reply, ReadFailure? Failure, StepProblem? Problem, bool Refused, int Number);

    public static async Task<Attempt> ReadAsync(
        DialogueContext context,
        Func<ProtocolReply?, ReadFailure?, bool> expected,
        Func<DialogueConnection, CancellationToken, Task<(ProtocolReply? Reply, ReadFailure? Failure)>> read,
        CancellationToken cancellationToken)
    {
        var first = context.Connection;
        var attempts = 0;
        var pipeline = ServiceRefusal.Pipeline<Attempt>(
            context.Options.Wire,
            context.Options.ScenarioTimeout / 3,
            a => a.Refused,
            (a, retry, delay) => context.Transcript.Note(
                $"{(a.Reply is null && a.Failure is null ? "connection refused" : ServiceRefusal.Describe(a.Reply, a.Failure))} (a connection limit?): retry {retry} of {ServiceRefusal.Retries} in {delay.TotalSeconds:0.0}s",
                first.Name));
        var outcome = await pipeline.ExecuteAsync(
            async (CancellationToken token) =>
            {
                if (attempts++ > 0)
                {
                    await context.Connection.Wire.DisposeAsync().ConfigureAwait(false);
                    var problem = await ConnectionOpening.OpenAsync(context, first.Name, first.Role, first.Endpoint, token).ConfigureAwait(false);
                    if (problem is not null)
                    {
                        // The endpoint accepted this connection's first attempt, so a refused TCP connect now is the limit too.
                        var refused = problem.ConnectionRefused;
                        Signal(context, refused, served: false);
                        return new Attempt(null, null, problem, refused, attempts);
                    }
                }

                var (reply, failure) = await read(context.Connection, token).ConfigureAwait(false);
                var turnedAway = ServiceRefusal.IsRefusal(reply, failure, context.Connection.Wire) && !expected(reply, failure);
                Signal(context, turnedAway, served: reply is not null && !turnedAway);
                return new Attempt(reply, failure, null, turnedAway, attempts);
            },
            cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    private static void Signal(DialogueContext context, bool refused, bool served)
    {
        if (refused)
        {
            context.Budget?.Refused();
        }
        else if (served)
        {
            context.Budget?.Served();
        }
    }
}
