using System.Text.RegularExpressions;

namespace ConformanceHarness.Scenarios;

/// <summary>The <c>S:</c> / <c>S+:</c> expectation: reply patterns, <c>else</c>, a regex, and the keyword branches.</summary>
public static partial class DialogueParser
{
    /// <summary>The branch keywords an <c>S:</c> line may end with, each at most once (see <see cref="Expectation"/>).</summary>
    private static readonly string[] BranchKeywords = ["FINDING", "HELD", "INCONCLUSIVE", "BENIGN"];

    /// <summary>
    /// Parses <c>503 | 501 else 5xx /regex/i</c>, optionally followed by branches: <c>FINDING 2xx: description</c>,
    /// <c>HELD 530: why</c>, <c>INCONCLUSIVE 5xx: why</c>, <c>BENIGN 2xx: explanation</c>.
    /// </summary>
    public static Expectation ParseExpectation(string text, int n)
    {
        if (text.Length == 0)
        {
            throw new ScenarioFormatException(n, "S: needs an expected reply, e.g. 'S: 250', 'S: 5xx', 'S: 503 else 5xx', 'S: +OK'");
        }

        var branches = BranchStarts(text, n);
        if (branches.Count > 0)
        {
            var head = text[..branches[0].At].Trim();
            if (head.Length == 0)
            {
                throw new ScenarioFormatException(n, $"{branches[0].Keyword} needs the reply that means the rule held before it, e.g. 'S: 5xx | 45x FINDING 2xx: accepted for relay'");
            }

            var parsed = ParseCodes(head, n) with { Source = text };
            for (var i = 0; i < branches.Count; i++)
            {
                var (keyword, at) = branches[i];
                var end = i + 1 < branches.Count ? branches[i + 1].At : text.Length;
                var branch = ParseBranch(keyword, text[(at + keyword.Length)..end].Trim(), n);
                parsed = keyword switch
                {
                    "FINDING" => parsed with { Finding = branch },
                    "HELD" => parsed with { Held = branch },
                    "INCONCLUSIVE" => parsed with { Inconclusive = branch },
                    _ => parsed with { Benign = branch },
                };
            }

            return parsed;
        }

        return ParseCodes(text, n);
    }

    /// <summary>Where each branch keyword starts (a whole word), in order; a keyword twice is a load error.</summary>
    private static List<(string Keyword, int At)> BranchStarts(string text, int n)
    {
        static int Find(string text, string keyword, int from)
        {
            var at = text.IndexOf(keyword, from, StringComparison.Ordinal);
            while (at >= 0 && !(at == 0 || char.IsWhiteSpace(text[at - 1])))
            {
                at = text.IndexOf(keyword, at + 1, StringComparison.Ordinal);
            }

            return at;
        }

        var starts = new List<(string Keyword, int At)>();
        foreach (var keyword in BranchKeywords)
        {
            var at = Find(text, keyword, 0);
            if (at < 0)
            {
                continue;
            }

            if (Find(text, keyword, at + keyword.Length) >= 0)
            {
                throw new ScenarioFormatException(n, $"only one {keyword} per S: line");
            }

            starts.Add((keyword, at));
        }

        return [.. starts.OrderBy(s => s.At)];
    }

    private static Expectation ParseCodes(string text, int n)
    {
        Regex? regex = null;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var codes = text;
        if (slash >= 0)
        {
            codes = text[..slash].Trim();
            regex = ParseRegex(text[slash..], n);
        }

        var parts = codes.Split(" else ", 2, StringSplitOptions.TrimEntries);
        var preferred = ParseAlternatives(parts[0], n);
        var tolerated = parts.Length > 1 ? ParseAlternatives(parts[1], n) : [];
        return new Expectation(preferred, tolerated, regex, text);
    }

    /// <summary><c>2xx | 251: accepted for relay</c>: the patterns, a colon, and what the branch means.</summary>
    private static ReplyBranch ParseBranch(string keyword, string text, int n)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var description = colon < 0 ? string.Empty : text[(colon + 1)..].Trim();
        if (colon < 0 || description.Length == 0)
        {
            throw new ScenarioFormatException(n, $"{keyword} needs reply patterns, a colon and what they mean, e.g. 'FINDING 2xx: accepted for relay'");
        }

        var patterns = ParseAlternatives(text[..colon].Trim(), n);
        if (patterns.Any(p => p.IsAny))
        {
            throw new ScenarioFormatException(n, $"{keyword} any would cover every reply: name the codes");
        }

        return new ReplyBranch(patterns, description);
    }

    private static List<ReplyPattern> ParseAlternatives(string text, int n)
    {
        var list = new List<ReplyPattern>();
        foreach (var part in text.Split('|', StringSplitOptions.TrimEntries))
        {
            if (part.Length == 0 && text.Trim().Length > 0)
            {
                throw new ScenarioFormatException(n, $"'{text}' has an empty alternative: write patterns on both sides of '|'");
            }

            if (part.Length == 0)
            {
                continue;
            }

            if (!ReplyPattern.TryParse(part, out var pattern))
            {
                throw new ScenarioFormatException(n, $"'{part}' is not a reply pattern: expected a code (250), a class (5xx, 25x), +OK, -ERR, close or any");
            }

            list.Add(pattern!);
        }

        if (list.Count == 0)
        {
            throw new ScenarioFormatException(n, "expected at least one reply pattern before or after 'else'");
        }

        return list;
    }

    private static Regex ParseRegex(string text, int n)
    {
        var close = text.LastIndexOf('/');
        if (close <= 0)
        {
            throw new ScenarioFormatException(n, $"regex '{text}' is not closed: expected /pattern/ or /pattern/i");
        }

        var flags = text[(close + 1)..].Trim();
        if (flags is not ("" or "i"))
        {
            throw new ScenarioFormatException(n, $"unknown regex flags '{flags}': only 'i' is allowed");
        }

        var options = RegexOptions.CultureInvariant | RegexOptions.Multiline | (flags == "i" ? RegexOptions.IgnoreCase : RegexOptions.None);
        try
        {
            return new Regex(text[1..close], options, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw new ScenarioFormatException(n, $"invalid regex /{text[1..close]}/: {e.Message}");
        }
    }
}
