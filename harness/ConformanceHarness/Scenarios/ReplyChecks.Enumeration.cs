using System.Globalization;

namespace ConformanceHarness.Scenarios;

/// <summary>ASSERT enumeration: many names tried in one session, judged as an attacker would (issue 14 property 7).</summary>
public static partial class ReplyChecks
{
    /// <summary>A failed attempt slower than this, or this much slower than the fastest, is the server throttling.</summary>
    private static readonly TimeSpan ThrottleDelay = TimeSpan.FromSeconds(1);

    /// <summary>
    /// <c>ASSERT enumeration VERB real-name</c>: every attempt started by a <c>VERB name</c> line on this connection, one
    /// of them for the real name. Notes what the server did — answered them all, throttled (the delays, measured), or
    /// disconnected after N — and fails only when the real name's answer differs from every other name's, in words or
    /// by at least a second in time: the server told who exists (RFC 5321 §7.3, RFC 1939 §13). A close or a slowdown
    /// of every name is the defence, never a failure.
    /// </summary>
    private static string? Enumeration(string argument, CheckContext context)
    {
        var parts = argument.Split(' ', 2, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2)
        {
            throw new CheckArgumentException("enumeration needs the verb and the real name, e.g. 'ASSERT enumeration RCPT {{user}}@{{domain}}'");
        }

        var attempts = EnumerationAttempt.Read(context.Transcript, context.Connection, parts[0]);
        var real = attempts.Where(a => string.Equals(a.Name, parts[1], StringComparison.OrdinalIgnoreCase)).ToList();
        var others = attempts.Except(real).ToList();
        if (real.Count == 0 || others.Count == 0)
        {
            throw new CheckArgumentException($"enumeration found {real.Count} attempt(s) for '{parts[1]}' and {others.Count} for other names after '{parts[0]}' lines: the dialogue must try both");
        }

        var answered = attempts.TakeWhile(a => a.Answered).Count();
        var delays = attempts.Take(answered).Select(a => a.Delay).ToList();

        // Throttling is judged on the guesses (the other names): a delay for the real name alone is a timing leak.
        var guessDelays = others.Where(a => a.Answered).Select(a => a.Delay).DefaultIfEmpty(TimeSpan.Zero).ToList();
        var throttled = guessDelays.Max() >= ThrottleDelay || guessDelays.Max() - guessDelays.Min() >= ThrottleDelay;
        var figures = string.Join(", ", delays.Select(d => d.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)));
        var behaviour = answered < attempts.Count
            ? $"disconnected after {answered} of {attempts.Count} names"
            : throttled ? $"throttled: answered all {attempts.Count} names, delays {figures} s" : $"answered all {attempts.Count} names without throttling (delays {figures} s)";
        context.Note($"enumeration by {parts[0].ToUpperInvariant()}: {behaviour}");

        var realAnswer = real.FirstOrDefault(a => a.Answered);
        var otherAnswers = others.Where(a => a.Answered).ToList();
        if (realAnswer is null || otherAnswers.Count == 0)
        {
            context.Note("enumeration: the real name and the others were not both answered, nothing to compare");
            return null;
        }

        if (!otherAnswers.Any(a => a.Signature == realAnswer.Signature))
        {
            return $"the real name is told apart ({behaviour}): {realAnswer} — others: {otherAnswers[0]}";
        }

        // The same words, but a different time: an attacker with a clock tells the real name apart just as well.
        var (fastest, slowest) = (otherAnswers.Min(a => a.Delay), otherAnswers.Max(a => a.Delay));
        if (realAnswer.Delay - slowest >= ThrottleDelay || fastest - realAnswer.Delay >= ThrottleDelay)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the real name is told apart by timing: {realAnswer}, the others {fastest.TotalSeconds:0.00}–{slowest.TotalSeconds:0.00} s");
        }

        context.Note($"enumeration: the real name got the same answer as the others, in the same time ({realAnswer})");
        return null;
    }
}
