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
        var expectation = step.Expectation;
        var isGreeting = context.Connection.Ledger.Next == "greeting";
        ProtocolReply? reply;
        ReadFailure? failure;
        if (IsUntouched(context))
        {
            // The greeting, nothing sent yet: a server at its connection limit may turn the connection away (ServiceRefusal).
            var greeting = await GreetingRetry.ReadAsync(
                context,
                (r, f) => Accepts(expectation, context.Connection, r, f),
                (c, ct) => ReadAsync(step, context, c, ct),
                cancellationToken).ConfigureAwait(false);
            if (greeting.Refused)
            {
                context.Connection.Replies++;
                var what = greeting.Problem?.Summary ?? ServiceRefusal.Describe(greeting.Reply, greeting.Failure);
                return new StepProblem(Verdict.Inconclusive, $"{ServiceRefusal.Summary} ({what}, {greeting.Number} attempts): no grade", expectation.Source, greeting.Reply?.ToString() ?? greeting.Failure?.ToString());
            }

            if (greeting.Problem is not null)
            {
                return greeting.Problem;
            }

            (reply, failure) = (greeting.Reply, greeting.Failure);
        }
        else
        {
            (reply, failure) = await ReadAsync(step, context, context.Connection, cancellationToken).ConfigureAwait(false);
        }

        var connection = context.Connection;
        connection.Replies++;
        if (connection.Timed(failure?.Kind is ReadFailureKind.Closed or ReadFailureKind.Reset) is { } after)
        {
            context.Variables["reply_seconds"] = after.TotalSeconds.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);
        }

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

            if (isGreeting && !connection.Dialect.IsGoodGreeting(reply))
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
        bool Matches(IReadOnlyList<ReplyPattern> patterns) => MatchesAny(connection, reply, failure!, patterns);

        // A live server that is greylisting, rate limiting or shutting down gives no grade (RFC 5321 §4.2.1: 4yz is transient).
        if (reply is { IsTransient: true } && context.Target.Live && !Matches(expectation.Preferred) && !Matches(expectation.Tolerated)
            && !Matches([.. expectation.BranchPatterns]))
        {
            return new StepProblem(Verdict.Inconclusive, $"transient refusal {reply.Code} (greylisting, rate limit or shutdown): no grade", expectation.Source, actual);
        }

        if (!Matches(expectation.Preferred) && TryBranch(context, step, expectation, Matches, actual, out var answered))
        {
            return answered;
        }

        if (expectation.Finding is { } found)
        {
            if (Matches(expectation.Preferred))
            {
                // RFC 5321 §4.1.4: 503 is "bad sequence of commands": the server refused the order, not the request, so
                // the question this line asks was never put (an earlier step that should have set it up was refused).
                if (reply?.Smtp is { Code: 503 })
                {
                    return new StepProblem(Verdict.Inconclusive, $"not asked: the server answered {actual} (bad sequence of commands), so the question was never put", expectation.Source, actual);
                }

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

    /// <summary>The current connection's first read, with nothing sent on it yet (a dialogue that talks first is graded as it is).</summary>
    private static bool IsUntouched(DialogueContext context) =>
        context.Connection.Replies == 0
        && !context.Transcript.Entries.Any(e => e.Connection == context.Connection.Name && e.Direction == TranscriptDirection.Client);

    /// <summary>Whether the expectation asks for this very outcome (e.g. <c>S: close</c>, <c>S: 421</c>): then it is graded, not retried.</summary>
    private static bool Accepts(Expectation expectation, DialogueConnection connection, ProtocolReply? reply, ReadFailure? failure) =>
        MatchesAny(connection, reply, failure, expectation.Preferred.Concat(expectation.Tolerated).Concat(expectation.Finding?.Patterns ?? []));

    /// <summary>A reply matches a pattern through the dialect; a close or reset matches <c>close</c>, no reply in time <c>slow</c>.</summary>
    private static bool MatchesAny(DialogueConnection connection, ProtocolReply? reply, ReadFailure? failure, IEnumerable<ReplyPattern> patterns) => reply is not null
        ? patterns.Any(p => connection.Dialect.Matches(reply, p))
        : failure!.Kind switch
        {
            ReadFailureKind.Closed or ReadFailureKind.Reset => patterns.Any(p => p.IsClose),
            ReadFailureKind.Timeout => patterns.Any(p => p.IsSlow),
            _ => false,
        };

    /// <summary>
    /// A reply other than the preferred one that a HELD, INCONCLUSIVE or BENIGN branch foresaw: HELD ends the dialogue as
    /// Pass, INCONCLUSIVE as Inconclusive (the question can no longer be asked), BENIGN records the harmless explanation
    /// of a later unconfirmed finding and goes on (<paramref name="problem"/> null). False when no such branch covers the reply.
    /// </summary>
    private static bool TryBranch(DialogueContext context, ExpectStep step, Expectation expectation, Func<IReadOnlyList<ReplyPattern>, bool> matches, string actual, out StepProblem? problem)
    {
        problem = null;
        string Said(ReplyBranch branch) => Template.RenderText(branch.Description, context.Variables);
        if (expectation.Held is { } held && matches(held.Patterns))
        {
            problem = new StepProblem(Verdict.Pass, $"the rule held: {Said(held)} ({actual})", expectation.Source, actual);
            return true;
        }

        if (expectation.Inconclusive is { } unasked && matches(unasked.Patterns))
        {
            problem = new StepProblem(Verdict.Inconclusive, $"{Said(unasked)}: {actual}", expectation.Source, actual);
            return true;
        }

        if (expectation.Benign is { } benign && matches(benign.Patterns))
        {
            context.Outcome.Benign ??= Said(benign);
            context.Notes.Add($"line {step.Line}: {Said(benign)} ({actual})");
            return true;
        }

        return false;
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
