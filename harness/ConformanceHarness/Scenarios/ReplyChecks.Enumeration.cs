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
    /// disconnected after N — and fails only when the real name's answer differs from every other name's: the
    /// server told who exists (RFC 5321 §7.3, RFC 1939 §13). A close or a slowdown is the defence, never a failure.
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
        var slowest = delays.Count == 0 ? TimeSpan.Zero : delays.Max();
        var fastest = delays.Count == 0 ? TimeSpan.Zero : delays.Min();
        var throttled = slowest >= ThrottleDelay || slowest - fastest >= ThrottleDelay;
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

        if (otherAnswers.Any(a => a.Signature == realAnswer.Signature))
        {
            context.Note($"enumeration: the real name got the same answer as the others ({realAnswer})");
            return null;
        }

        return $"the real name is told apart ({behaviour}): {realAnswer} — others: {otherAnswers[0]}";
    }
}
