using System.Net.Sockets;
using ConformanceHarness.Pop3;
using ConformanceHarness.Scenarios;
using ConformanceHarness.Wire;
using Polly.Timeout;

namespace ConformanceHarness.Running.Dialogue.Steps;

/// <summary>
/// <c>LOCATE TOKEN AS name</c>: LIST, then TOP n 0 (RETR n where TOP is refused, RFC 1939 §7: TOP is optional) from the
/// last message down until one carries the token; its number becomes the variable.
/// </summary>
internal sealed class LocateHandler : StepHandler<LocateStep>
{
    protected override async Task<StepProblem?> ExecuteAsync(LocateStep step, DialogueContext context, CancellationToken cancellationToken)
    {
        var token = Template.RenderText(step.TokenTemplate, context.Variables);
        var connection = context.Connection;
        if (!connection.Role.IsPop3)
        {
            return StepProblem.ScenarioError("LOCATE needs a POP3 connection");
        }

        var session = new Pop3Session(connection.Wire, context.Options.Wire);
        var (list, failure) = await CommandAsync(context, connection, session, "LIST", cancellationToken).ConfigureAwait(false);
        if (list is null)
        {
            return context.ReadProblem(failure!, "LIST: +OK and a scan listing");
        }

        if (!list.Ok)
        {
            return context.Graded($"LOCATE {token}: LIST was refused", "+OK", list.Raw);
        }

        var numbers = list.Body!.Select(l => l.Split(' ')[0]).Where(n => n.Length > 0 && n.All(char.IsAsciiDigit)).Reverse().ToList();
        foreach (var number in numbers)
        {
            var (top, topFailure) = await CommandAsync(context, connection, session, $"TOP {number} 0", cancellationToken).ConfigureAwait(false);
            if (top is { Ok: false })
            {
                (top, topFailure) = await CommandAsync(context, connection, session, $"RETR {number}", cancellationToken).ConfigureAwait(false);
            }

            if (top is null)
            {
                return context.ReadProblem(topFailure!, $"TOP {number} 0: +OK and the headers");
            }

            if (top.Ok && top.Body!.Any(l => l.Contains(token, StringComparison.Ordinal)))
            {
                context.Variables[step.Name] = number;
                context.Transcript.Note($"LOCATE: message {number} carries {token}", connection.Name);
                return null;
            }
        }

        return context.Graded($"LOCATE: none of the {numbers.Count} message(s) in the scan listing carries {token}", $"a message carrying {token}", $"{numbers.Count} message(s), none with it");
    }

    /// <summary>One multi-line command, send and read each under the step timeout; the response becomes the last one for ASSERT.</summary>
    private static async Task<(Pop3Reply? Reply, ReadFailure? Failure)> CommandAsync(DialogueContext context, DialogueConnection connection, Pop3Session session, string command, CancellationToken cancellationToken)
    {
        try
        {
            await context.WithTimeoutAsync(ct => new ValueTask(session.SendAsync(command, ct)), cancellationToken).ConfigureAwait(false);
            var (reply, failure) = await context.WithTimeoutAsync(ct => new ValueTask<(Pop3Reply?, ReadFailure?)>(session.ReadAsync(multiLine: true, ct)), cancellationToken).ConfigureAwait(false);
            connection.LastPop3 = reply ?? connection.LastPop3;
            return (reply, failure);
        }
        catch (TimeoutRejectedException)
        {
            return (null, new ReadFailure(ReadFailureKind.Timeout, $"no complete response to {command} within {context.Seconds}"));
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            return (null, new ReadFailure(ReadFailureKind.Closed, $"{command}: {e.Message}"));
        }
    }
}
