using System.Text.RegularExpressions;
using ConformanceHarness.Wire;

namespace ConformanceHarness.Scenarios;

/// <summary>
/// Parses the dialogue language: one step per line, <c>C:</c> / <c>S:</c> like the RFCs' transcripts.
/// Every error names the file line it comes from.
/// </summary>
public static partial class DialogueParser
{
    /// <summary>
    /// PAUSE, EXPECT-SILENCE and a delivery check's <c>within</c>: none at all up to an hour, as long as the longest step
    /// timeout (<see cref="WireOptions.StepTimeoutRange"/>); a longer wait is a mistyped unit, not a test.
    /// </summary>
    public static DurationRange WaitRange { get; } = new(TimeSpan.Zero, WireOptions.StepTimeoutRange.Maximum);

    /// <summary>Parses <paramref name="dialogue"/>, whose first line is line <paramref name="firstLine"/> of its file.</summary>
    public static IReadOnlyList<Step> Parse(string dialogue, int firstLine)
    {
        var steps = new List<Step>();
        var lines = dialogue.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var lineNumber = firstLine + i;
            var raw = lines[i];
            var trimmed = raw.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            steps.Add(IsSignedData(trimmed) ? ParseSignedData(lines, ref i, firstLine) : ParseLine(trimmed, lineNumber));
        }

        if (steps.Count == 0)
        {
            throw new ScenarioFormatException(firstLine, "the dialogue has no steps: expected lines such as 'S: 220' and 'C: EHLO client.example.test'");
        }

        return steps;
    }

    private static Step ParseLine(string line, int n)
    {
        // Sends are literal to the end of the line (after one optional space): a '#' there is data.
        if (line.StartsWith("C:", StringComparison.Ordinal))
        {
            return new SendStep(n, Unescape.Validate(StripOneSpace(line[2..]), n), AppendCrlf: true);
        }

        if (line.StartsWith("RAW:", StringComparison.Ordinal))
        {
            var bytes = Unescape.Validate(StripOneSpace(line[4..]), n);
            if (bytes.Length == 0)
            {
                throw new ScenarioFormatException(n, "RAW: needs bytes to send, e.g. 'RAW: DATA\\n'");
            }

            return new SendStep(n, bytes, AppendCrlf: false);
        }

        var code = StripComment(line);
        if (code.StartsWith("S+:", StringComparison.Ordinal))
        {
            return new ExpectStep(n, ParseExpectation(code[3..].Trim(), n), MultiLine: true);
        }

        if (code.StartsWith("S:", StringComparison.Ordinal))
        {
            return new ExpectStep(n, ParseExpectation(code[2..].Trim(), n), MultiLine: false);
        }

        var space = code.IndexOf(' ', StringComparison.Ordinal);
        var keyword = space < 0 ? code : code[..space];
        var rest = space < 0 ? string.Empty : code[(space + 1)..].Trim();
        return keyword switch
        {
            "TLS" => rest == "| close" ? new TlsStep(n, OrClose: true) : NoArguments(new TlsStep(n), rest, n),
            "SECURE" => NoArguments(new SecureStep(n), rest, n),
            "EXPECT-CLOSE" => NoArguments(new ExpectCloseStep(n), rest, n),
            "DROP" => NoArguments(new DropStep(n), rest, n),
            "EXPECT-SILENCE" => new ExpectSilenceStep(n, Duration(rest, n, keyword, WaitRange)),
            "PAUSE" => new PauseStep(n, Duration(rest, n, keyword, WaitRange)),
            "FILL" => rest.Length > 0 ? new FillStep(n, rest) : throw new ScenarioFormatException(n, "FILL needs the octets to send, e.g. 'FILL {{limit}} + 4096'"),
            "TIMEOUT" => new TimeoutStep(n, Duration(rest, n, keyword, WireOptions.StepTimeoutRange)),
            "CONNECT" => ParseConnect(rest, n),
            "USE" => Name(rest, n) is var name ? new UseStep(n, name) : throw new InvalidOperationException(),
            "SET" => ParseSet(rest, n),
            "ASSERT" => ParseAssert(rest, n),
            "DELIVERED" => ParseDelivery(rest, n, delivered: true),
            "NOT-DELIVERED" => ParseDelivery(rest, n, delivered: false),
            "LOCATE" => ParseLocate(rest, n),
            "CONFIRM" => ParseConfirm(rest, n),
            _ => throw new ScenarioFormatException(n, $"unknown step '{keyword}': expected C:, RAW:, S:, S+:, TLS, SECURE, EXPECT-CLOSE, EXPECT-SILENCE, PAUSE, FILL, TIMEOUT, CONNECT, USE, DROP, SET, ASSERT, DELIVERED, NOT-DELIVERED, CONFIRM or SIGNED-DATA"),
        };
    }

    private static ConfirmStep ParseConfirm(string rest, int n)
    {
        var label = "confirmed";
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            label = rest[(colon + 1)..].Trim();
            rest = rest[..colon].Trim();
            if (label.Length == 0)
            {
                throw new ScenarioFormatException(n, "CONFIRM …: needs a label after the colon, e.g. ': confirmed relay'");
            }
        }

        var match = DeliveryPattern().Match(rest);
        if (!match.Success || match.Groups["count"].Success)
        {
            throw new ScenarioFormatException(n, "expected 'CONFIRM sink|mailbox TOKEN within 15s [show From,Received] [: label]'");
        }

        return new ConfirmStep(n, match.Groups["where"].Value, match.Groups["token"].Value, Within(match, n), Show(match), label);
    }

    private static string[]? Show(Match match) =>
        match.Groups["show"].Success ? match.Groups["show"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : null;

    private static ConnectStep ParseConnect(string rest, int n)
    {
        var words = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is < 1 or > 2)
        {
            throw new ScenarioFormatException(n, "CONNECT needs a connection name and optionally a role: 'CONNECT second' or 'CONNECT reader pop3'");
        }

        return new ConnectStep(n, Name(words[0], n), words.Length > 1 ? Role(words[1], n) : null);
    }

    private static SetStep ParseSet(string rest, int n)
    {
        var match = SetPattern().Match(rest);
        if (!match.Success)
        {
            throw new ScenarioFormatException(n, "SET needs 'SET name = value'");
        }

        return new SetStep(n, match.Groups[1].Value, Unescape.Validate(match.Groups[2].Value, n));
    }

    private static AssertStep ParseAssert(string rest, int n)
    {
        // "ASSERT should CHECK": the check's rule is a SHOULD inside a scenario graded at another level (RFC 2119 words decide).
        if (rest.StartsWith("should ", StringComparison.Ordinal))
        {
            return ParseAssert(rest["should ".Length..].Trim(), n) with { Should = true };
        }

        var space = rest.IndexOf(' ', StringComparison.Ordinal);
        var check = space < 0 ? rest : rest[..space];
        if (!ReplyChecks.Known.Contains(check))
        {
            throw new ScenarioFormatException(n, $"unknown check '{check}': expected one of {string.Join(", ", ReplyChecks.Known.Order())}");
        }

        var arguments = space < 0 ? string.Empty : rest[(space + 1)..].Trim();
        if (check == "reply-after")
        {
            // Its argument holds no variables: judge it when the file loads, not when the server has been talked to.
            try
            {
                ReplyChecks.ParseReplyAfter(arguments);
            }
            catch (CheckArgumentException e)
            {
                throw new ScenarioFormatException(n, e.Message);
            }
        }

        return new AssertStep(n, check, arguments);
    }

    private static DeliveryStep ParseDelivery(string rest, int n, bool delivered)
    {
        var match = DeliveryPattern().Match(rest);
        if (!match.Success)
        {
            throw new ScenarioFormatException(n, $"expected '{(delivered ? "DELIVERED" : "NOT-DELIVERED")} sink|mailbox TOKEN within 10s [count N] [show From,Received]'");
        }

        var within = Within(match, n);
        int? count = match.Groups["count"].Success ? int.Parse(match.Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
        return new DeliveryStep(n, delivered, match.Groups["where"].Value, match.Groups["token"].Value, within, count, Show(match));
    }

    private static LocateStep ParseLocate(string rest, int n)
    {
        var match = LocatePattern().Match(rest);
        return match.Success
            ? new LocateStep(n, match.Groups["token"].Value, match.Groups["name"].Value)
            : throw new ScenarioFormatException(n, "expected 'LOCATE TOKEN AS name', e.g. 'LOCATE {{token}} AS n'");
    }

    /// <summary>
    /// A duration in <paramref name="range"/>. Out of range is a load error at its line, not a run-time one: a
    /// <c>TIMEOUT 5ms</c> would otherwise reach Polly, whose timeout refuses less than 10 ms, mid-scenario.
    /// </summary>
    private static TimeSpan Duration(string text, int n, string keyword, DurationRange range)
    {
        if (!DurationParser.TryParse(text, out var duration))
        {
            throw new ScenarioFormatException(n, $"{keyword} needs a duration such as 500ms, 2s or 1m, got '{text}'");
        }

        return range.Contains(duration)
            ? duration
            : throw new ScenarioFormatException(n, $"{keyword} {text}: out of range, a {(keyword == "TIMEOUT" ? "step timeout" : "wait")} must be {range}");
    }

    private static TimeSpan Within(Match match, int n)
    {
        var text = match.Groups["within"].Value;
        if (!DurationParser.TryParse(text, out var within))
        {
            throw new ScenarioFormatException(n, $"'{text}' is not a duration: expected e.g. 500ms, 10s, 1m");
        }

        return WaitRange.Contains(within)
            ? within
            : throw new ScenarioFormatException(n, $"within {text}: out of range, a wait must be {WaitRange}");
    }

    private static string Name(string text, int n) =>
        NamePattern().IsMatch(text) ? text : throw new ScenarioFormatException(n, $"'{text}' is not a connection name (letters, digits, '-', '_')");

    private static string Role(string text, int n) =>
        Protocols.Role.TryParse(text, out _)
            ? text
            : throw new ScenarioFormatException(n, $"unknown role '{text}': expected one of {Protocols.Role.Names}");

    private static T NoArguments<T>(T step, string rest, int n)
        where T : Step =>
        rest.Length == 0 ? step : throw new ScenarioFormatException(n, $"unexpected text after the step: '{rest}'");

    private static string StripOneSpace(string text) => text.StartsWith(' ') ? text[1..] : text;

    /// <summary>Removes a trailing comment: '#' at the start or after white space.</summary>
    private static string StripComment(string line)
    {
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '#' && (i == 0 || char.IsWhiteSpace(line[i - 1])))
            {
                return line[..i].TrimEnd();
            }
        }

        return line;
    }

    [GeneratedRegex(@"^([A-Za-z_][A-Za-z0-9_]*)\s*=\s?(.*)$")]
    private static partial Regex SetPattern();

    [GeneratedRegex(@"^(?<where>sink|mailbox)\s+(?<token>\S+)\s+within\s+(?<within>\S+)(\s+count\s+(?<count>\d{1,3}))?(\s+show\s+(?<show>[A-Za-z0-9-]+(,[A-Za-z0-9-]+)*))?$")]
    private static partial Regex DeliveryPattern();

    [GeneratedRegex(@"^(?<token>\S+)\s+AS\s+(?<name>[A-Za-z_][A-Za-z0-9_]*)$")]
    private static partial Regex LocatePattern();

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex NamePattern();
}
