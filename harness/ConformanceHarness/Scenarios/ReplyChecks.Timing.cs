using System.Globalization;
using System.Text.RegularExpressions;

namespace ConformanceHarness.Scenarios;

/// <summary>
/// <c>ASSERT reply-after &gt;= 1s margin 100ms</c>: the last reply came at least that long after the command, graded with
/// the stated margin so a server that waits exactly the threshold gets the same verdict on every run (a silence window
/// of exactly 1 s races the server's own 1 s timer). A close instead of the reply is an allowed end of the attempt
/// (RFC 1939 §4: "After returning a negative status indicator, the server may close the connection") and, for a
/// guesser, throttles as well as a delay: it passes.
/// </summary>
public static partial class ReplyChecks
{
    /// <summary>The threshold and the margin of a <c>reply-after</c> argument; a malformed one is a scenario error.</summary>
    public static (TimeSpan Least, TimeSpan Margin) ParseReplyAfter(string argument)
    {
        var match = ReplyAfterArgument().Match(argument ?? string.Empty);
        if (!match.Success || !DurationParser.TryParse(match.Groups["least"].Value, out var least) || !DurationParser.TryParse(match.Groups["margin"].Value, out var margin))
        {
            throw new CheckArgumentException($"reply-after needs '>= DURATION margin DURATION', e.g. '>= 1s margin 100ms', not '{argument}'");
        }

        if (margin >= least)
        {
            throw new CheckArgumentException($"reply-after: the margin ({Seconds(margin)}) must be smaller than the threshold ({Seconds(least)})");
        }

        return (least, margin);
    }

    /// <summary>What was measured, for the result's notes ("reply after 1.002 s (at least 1 s expected, 0.1 s margin)"); null when nothing was timed.</summary>
    public static string? ReplyAfterFigure(CheckContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.ReplyAfter is not { } after
            ? null
            : context.ReplyWasClose
                ? $"the server closed the connection {Seconds(after)} after the command instead of replying: the attempt ended (RFC 1939 §4), which throttles as well"
                : $"reply after {Seconds(after)}";
    }

    private static string? ReplyAfter(string argument, CheckContext context)
    {
        var (least, margin) = ParseReplyAfter(argument);
        if (context.ReplyAfter is not { } after)
        {
            throw new CheckArgumentException("reply-after needs a reply read by an S: line after a command on this connection");
        }

        return context.ReplyWasClose || after >= least - margin
            ? null
            : $"reply after {Seconds(after)}: at least {Seconds(least)} expected (graded with a {Seconds(margin)} margin, so from {Seconds(least - margin)})";
    }

    private static string Seconds(TimeSpan t) => $"{t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s";

    [GeneratedRegex(@"^\s*>=\s*(?<least>\S+)\s+margin\s+(?<margin>\S+)\s*$")]
    private static partial Regex ReplyAfterArgument();
}
