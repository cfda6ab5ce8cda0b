using System.Globalization;
using System.Text.RegularExpressions;
using ConformanceHarness.Pop3;

namespace ConformanceHarness.Scenarios;

/// <summary>Checks over POP3 multi-line bodies (RFC 1939 §5, §7) and integer comparisons of captured values.</summary>
public static partial class ReplyChecks
{
    /// <summary>
    /// <c>scan-listing [COUNT OCTETS]</c>: every LIST line is "n size" (RFC 1939 §5), message numbers ascending and
    /// unique; with arguments, the listing has COUNT lines whose sizes add up to OCTETS (STAT's two numbers).
    /// </summary>
    private static string? ScanListing(Pop3Reply reply, string argument)
    {
        var bad = reply.Body!.Where(l => !ScanLine().IsMatch(l)).ToList();
        if (bad.Count > 0)
        {
            return $"scan listing line(s) not of the form 'n size' (RFC 1939 §5): {string.Join(" | ", bad.Select(b => $"'{b}'"))}";
        }

        var numbers = reply.Body!.Select(l => long.Parse(l.Split(' ')[0], CultureInfo.InvariantCulture)).ToList();
        if (numbers.Zip(numbers.Skip(1)).Any(p => p.Second <= p.First))
        {
            return $"message numbers are not ascending and unique: {string.Join(", ", numbers)}";
        }

        if (argument.Length == 0)
        {
            return null;
        }

        var expected = argument.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (expected.Length != 2 || !long.TryParse(expected[0], CultureInfo.InvariantCulture, out var count) || !long.TryParse(expected[1], CultureInfo.InvariantCulture, out var octets))
        {
            return $"scan-listing takes no argument or 'COUNT OCTETS', got '{argument}'";
        }

        var sum = reply.Body!.Sum(l => long.Parse(l.Split(' ')[1], CultureInfo.InvariantCulture));
        return numbers.Count == count && sum == octets
            ? null
            : $"the scan listing has {numbers.Count} message(s) of {sum} octets in all; STAT said {count} message(s) of {octets} octets (RFC 1939 §5)";
    }

    /// <summary><c>uidl-listing</c>: every UIDL line is "n uid", the uid 1–70 characters 0x21–0x7E (RFC 1939 §7), all uids distinct.</summary>
    private static string? UidlListing(Pop3Reply reply)
    {
        var bad = reply.Body!.Where(l => !UidlLine().IsMatch(l)).ToList();
        if (bad.Count > 0)
        {
            return $"unique-id listing line(s) not 'n uid' with 1-70 characters 0x21-0x7E (RFC 1939 §7): {string.Join(" | ", bad.Select(b => $"'{b}'"))}";
        }

        var repeated = reply.Body!.Select(l => l.Split(' ')[1]).GroupBy(u => u, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        return repeated.Count == 0 ? null : $"unique-id(s) given to more than one message (RFC 1939 §7): {string.Join(", ", repeated)}";
    }

    /// <summary><c>body-octets N</c>: the un-stuffed body, CRLF line ends counted, is exactly N octets (RFC 1939 §5 LIST: "the exact size").</summary>
    private static string? BodyOctets(Pop3Reply reply, string argument)
    {
        if (!long.TryParse(argument.Trim(), CultureInfo.InvariantCulture, out var expected))
        {
            throw new CheckArgumentException($"body-octets needs a number, got '{argument}'");
        }

        var actual = reply.BodyBytes?.LongLength ?? reply.Body!.Sum(l => (long)System.Text.Encoding.UTF8.GetByteCount(l) + 2);
        return actual == expected ? null : $"the body is {actual} octets, the size given was {expected}";
    }

    /// <summary><c>top-lines N</c>: a TOP response is headers, an empty line, then exactly N body lines (RFC 1939 §7).</summary>
    private static string? TopLines(Pop3Reply reply, string argument)
    {
        if (!int.TryParse(argument.Trim(), CultureInfo.InvariantCulture, out var expected))
        {
            throw new CheckArgumentException($"top-lines needs a number, got '{argument}'");
        }

        var body = reply.Body!;
        var blank = body.ToList().FindIndex(l => l.Length == 0);
        if (blank < 0)
        {
            return "the response has no empty line separating the headers from the body";
        }

        var lines = body.Count - blank - 1;
        return lines == expected ? null : $"{lines} body line(s) after the headers, expected {expected}";
    }

    /// <summary><c>compare A op B</c>: integer sums such as <c>{{after}} == {{before}} - 1</c>; op is one of == != &lt; &lt;= &gt; &gt;=.</summary>
    private static string? Compare(string argument)
    {
        var match = Comparison().Match(argument);
        if (!match.Success)
        {
            throw new CheckArgumentException($"compare needs 'A op B' with integer sums and op one of == != < <= > >=, got '{argument}'");
        }

        if (Sum(match.Groups["a"].Value) is not { } a || Sum(match.Groups["b"].Value) is not { } b)
        {
            throw new CheckArgumentException($"compare: '{argument}' has a side that is not an integer sum");
        }

        var op = match.Groups["op"].Value;
        var holds = op switch
        {
            "==" => a == b,
            "!=" => a != b,
            "<" => a < b,
            "<=" => a <= b,
            ">" => a > b,
            _ => a >= b,
        };
        return holds ? null : $"{a} {op} {b} does not hold ({argument.Trim()})";
    }

    /// <summary>
    /// <c>pop3-received-first TEXT</c>: in a retrieved message, a Received: field comes before every other header field but
    /// the delivery agent's own (Return-Path, Delivered-To, X-Original-To), and the topmost one, unfolded, contains TEXT
    /// (e.g. "by {{hostname}}"): the receiving SMTP server's trace line is on top (RFC 5321 §4.4).
    /// </summary>
    private static string? ReceivedFirst(Pop3Reply reply, string argument)
    {
        var headers = new List<string>();
        foreach (var line in reply.Body!.TakeWhile(l => l.Length > 0))
        {
            if (line[0] is ' ' or '\t' && headers.Count > 0)
            {
                headers[^1] += " " + line.Trim();
            }
            else
            {
                headers.Add(line);
            }
        }

        string[] delivery = ["Return-Path:", "Delivered-To:", "X-Original-To:"];
        var first = headers.FirstOrDefault(h => !delivery.Any(d => h.StartsWith(d, StringComparison.OrdinalIgnoreCase)));
        if (first is null || !first.StartsWith("Received:", StringComparison.OrdinalIgnoreCase))
        {
            return $"the topmost header field is not a Received: line but '{first}' (RFC 5321 §4.4: the receiving server prepends its trace line)";
        }

        return first.Contains(argument, StringComparison.OrdinalIgnoreCase) ? null : $"the topmost Received: line lacks '{argument}': '{first}'";
    }

    /// <summary>A sum of integers such as <c>10240000 + 4096</c> or <c>7 - 1</c>; null when it is not one.</summary>
    internal static long? Sum(string expression)
    {
        long total = 0;
        foreach (Match term in Term().Matches(expression.Replace(" ", string.Empty, StringComparison.Ordinal)))
        {
            if (!long.TryParse(term.Groups["n"].Value, CultureInfo.InvariantCulture, out var n))
            {
                return null;
            }

            total += term.Groups["sign"].Value == "-" ? -n : n;
        }

        return SumShape().IsMatch(expression.Replace(" ", string.Empty, StringComparison.Ordinal)) ? total : null;
    }

    [GeneratedRegex(@"^[1-9][0-9]* [0-9]+$")]
    private static partial Regex ScanLine();

    [GeneratedRegex(@"^[1-9][0-9]* [\x21-\x7E]{1,70}$")]
    private static partial Regex UidlLine();

    [GeneratedRegex(@"^(?<a>[^<>=!]+?)\s*(?<op>==|!=|<=|>=|<|>)\s*(?<b>[^<>=!]+)$")]
    private static partial Regex Comparison();

    [GeneratedRegex(@"(?<sign>^|[+-])(?<n>[0-9]+)")]
    private static partial Regex Term();

    [GeneratedRegex(@"^-?[0-9]+([+-][0-9]+)*$")]
    private static partial Regex SumShape();
}
