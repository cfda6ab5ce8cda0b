using System.Text.RegularExpressions;
using ConformanceHarness.Protocols;
using ConformanceHarness.Scenarios;
using ConformanceHarness.Wire;
using Polly.Timeout;

namespace ConformanceHarness.Running.Dialogue.Steps;

/// <summary>
/// <c>S:</c> / <c>S+:</c>: reads one reply with the connection's dialect and weighs it against the preferred, tolerated
/// and FINDING patterns; a matching reply's text may be checked by a regex whose named groups become variables.
/// </summary>
internal sealed class ExpectHandler : StepHandler<ExpectStep>
{
    protected override async Task<StepProblem?> ExecuteAsync(ExpectStep step, DialogueContext context, CancellationToken cancellationToken)
    {
        var connection = context.Connection;
        var greeting = connection.Ledger.Next == "greeting";
        var (reply, failure) = await ReadAsync(step, context, connection, cancellationToken).ConfigureAwait(false);
        connection.Replies++;
        var answered = connection.Ledger.Answered(reply);
        if (reply is not null)
        {
            connection.Record(reply);
            context.Variables["reply_code"] = reply.Code;
            context.Variables["reply_text"] = reply.Text;

            // Framing first: a reply followed by bytes that answer no command proves nothing, not even a finding.
            if (await FramingCheck.AfterReplyAsync(context, connection, answered, cancellationToken).ConfigureAwait(false) is { } framing)
            {
                return framing;
            }

            if (greeting && !connection.Dialect.IsGoodGreeting(reply))
            {
                context.ObservedCause ??= ResultCause.Greeting(Protocol(connection), reply.Code);
            }
        }

        var problem = Weigh(step, context, connection, reply, failure);
        return problem is null || problem.Cause is not null || answered != "QUIT" || QuitCause(connection, reply, failure) is not { } quit
            ? problem
            : problem with { Cause = quit };
    }

    private static string Protocol(DialogueConnection connection) => connection.Role.IsPop3 ? "pop3" : "smtp";

    /// <summary>A QUIT answered with the wrong reply, or by a close: the QUIT scenario's subject, not the others'.</summary>
    private static ResultCause? QuitCause(DialogueConnection connection, ProtocolReply? reply, ReadFailure? failure) =>
        reply is not null ? ResultCause.Quit(Protocol(connection), connection.Dialect.QuitAnswer, reply.Code)
        : failure!.Kind is ReadFailureKind.Closed or ReadFailureKind.Reset ? ResultCause.Quit(Protocol(connection), connection.Dialect.QuitAnswer, "closed")
        : null;

    /// <summary>The reply (or the failure to read one) against the expectation.</summary>
    private static StepProblem? Weigh(ExpectStep step, DialogueContext context, DialogueConnection connection, ProtocolReply? reply, ReadFailure? failure)
    {
        var expectation = step.Expectation;

        var actual = reply?.ToString() ?? failure!.ToString();
        var replyText = reply?.Text ?? string.Empty;
        bool Matches(IReadOnlyList<ReplyPattern> patterns) => reply is not null
            ? patterns.Any(p => connection.Dialect.Matches(reply, p))
            : failure!.Kind is ReadFailureKind.Closed or ReadFailureKind.Reset && patterns.Any(p => p.IsClose);

        // A live server that is greylisting, rate limiting or shutting down gives no grade (RFC 5321 §4.2.1: 4yz is transient).
        if (reply is { IsTransient: true } && context.Target.Live && !Matches(expectation.Preferred) && !Matches(expectation.Tolerated)
            && !(expectation.Finding is { } branch && Matches(branch.Patterns)))
        {
            return new StepProblem(Verdict.Inconclusive, $"transient refusal {reply.Code} (greylisting, rate limit or shutdown): no grade", expectation.Source, actual);
        }

        if (expectation.Finding is { } found)
        {
            if (Matches(expectation.Preferred))
            {
                // The rule held: what follows would only confirm a finding, so the dialogue ends here.
                return CheckText(context, expectation, replyText, actual, failure) ?? new StepProblem(Verdict.Pass, $"the rule held: {actual}", expectation.Source, actual);
            }

            if (Matches(found.Patterns))
            {
                context.Outcome.Finding ??= (found.Description, expectation.Source, actual, step.Line);
                context.Notes.Add($"line {step.Line}: finding — {found.Description} ({actual})");
                return null;
            }
        }

        if (Matches(expectation.Preferred))
        {
            return CheckText(context, expectation, replyText, actual, failure);
        }

        if (Matches(expectation.Tolerated))
        {
            context.Outcome.Tolerated ??= (string.Join(" | ", expectation.Preferred), actual, step.Line);
            context.Notes.Add($"line {step.Line}: tolerated fallback — expected {string.Join(" | ", expectation.Preferred)}, got {actual}");
            return CheckText(context, expectation, replyText, actual, failure);
        }

        if (failure is not null)
        {
            return context.ReadProblem(failure, expectation.Source);
        }

        return context.Graded($"expected {expectation.Source}, got {actual}", expectation.Source, actual);
    }

    /// <summary>One reply under the step timeout (in polite mode, an SMTP greeting gets the longer greeting timeout).</summary>
    private static async Task<(ProtocolReply? Reply, ReadFailure? Failure)> ReadAsync(ExpectStep step, DialogueContext context, DialogueConnection connection, CancellationToken cancellationToken)
    {
        var dialect = connection.Dialect;
        var slowGreeting = dialect.GreetingMayBeSlow && connection.Replies == 0 && context.Options.Polite is { } polite && polite.GreetingTimeout > context.StepTimeout;
        var pipeline = slowGreeting ? StepPipelines.For(context.Options.Polite!.GreetingTimeout) : context.Pipeline();
        try
        {
            return await pipeline.ExecuteAsync(
                ct => new ValueTask<(ProtocolReply?, ReadFailure?)>(dialect.ReadAsync(connection.Wire, context.Options.Wire, step.MultiLine, ct)),
                cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException)
        {
            return (null, new ReadFailure(ReadFailureKind.Timeout, $"no complete {dialect.ReplyNoun} within {context.Seconds}"));
        }
    }

    private static StepProblem? CheckText(DialogueContext context, Expectation expectation, string text, string actual, ReadFailure? failure)
    {
        if (expectation.TextPattern is null || failure is not null)
        {
            return null;
        }

        Match match;
        try
        {
            match = expectation.TextPattern.Match(text);
        }
        catch (RegexMatchTimeoutException e)
        {
            // The scenario's regex backtracks without end on this reply: the scenario's fault, not the server's.
            return new StepProblem(Verdict.Error, $"scenario error: regex /{expectation.TextPattern}/ did not finish within {e.MatchTimeout.TotalSeconds:0.#}s on the reply (catastrophic backtracking)", expectation.Source, actual);
        }

        if (!match.Success)
        {
            return context.Graded($"reply text does not match /{expectation.TextPattern}/", expectation.Source, actual);
        }

        foreach (var group in expectation.TextPattern.GetGroupNames().Where(g => !int.TryParse(g, out _)))
        {
            context.Variables[group] = match.Groups[group].Value;
        }

        return null;
    }
}
