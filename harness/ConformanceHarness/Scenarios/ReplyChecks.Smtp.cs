using System.Text.RegularExpressions;
using ConformanceHarness.Delivery;
using ConformanceHarness.Smtp;

namespace ConformanceHarness.Scenarios;

/// <summary>SMTP checks over a whole session or over a delivered copy (RFC 5321 §4.4, §4.5.2; RFC 2034; SMTP smuggling).</summary>
public static partial class ReplyChecks
{
    /// <summary>
    /// <c>one-of VALUE A B C</c>: VALUE (usually built from captured variables, e.g. <c>{{greeting}}:{{reply_code}}</c>)
    /// must equal one of the words after it.
    /// </summary>
    private static string? OneOf(string argument)
    {
        var words = argument.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2)
        {
            throw new CheckArgumentException("one-of needs a value and at least one allowed value");
        }

        return words.Skip(1).Contains(words[0], StringComparer.Ordinal)
            ? null
            : $"'{words[0]}' is none of {string.Join(", ", words.Skip(1))}";
    }

    /// <summary>
    /// <c>delivered-has-lines L1 | L2 | …</c>: the first delivered message contains these lines, consecutively and byte for
    /// byte (lines split at CRLF; a line the server changed, joined or split does not match).
    /// </summary>
    private static string? DeliveredHasLines(string argument, IReadOnlyList<DeliveredMessage> delivered)
    {
        if (delivered.Count == 0)
        {
            return "no delivered message to look at (use DELIVERED first)";
        }

        var wanted = argument.Split(" | ");
        var lines = delivered[0].Text.Split("\r\n");
        for (var i = 0; i + wanted.Length <= lines.Length; i++)
        {
            if (wanted.Select((w, k) => lines[i + k] == w).All(x => x))
            {
                return null;
            }
        }

        // Name the first wanted line that is not there as such, to make the evidence readable.
        var missing = wanted.FirstOrDefault(w => !lines.Contains(w)) ?? wanted[0];
        return $"the delivered copy does not contain the lines {string.Join(" | ", wanted.Select(w => $"'{w}'"))} in order (e.g. '{missing}' {(lines.Contains(missing) ? "is out of place" : "is missing or altered")})";
    }

    /// <summary>
    /// <c>received-trace [TOKEN]</c>: the topmost Received: field of the first delivered message is the receiving server's
    /// own (RFC 5321 §4.4, what it MUST be): it has from and by clauses and a date after ';' that parses (WITH and ID are
    /// optional in the Stamp grammar; the peer's address literal is a SHOULD: <c>received-peer-literal</c>). With TOKEN: a
    /// Received: field carrying TOKEN (the client's forged one) exists and sits below it (servers MUST NOT reorder them).
    /// </summary>
    private static string? ReceivedTrace(string argument, IReadOnlyList<DeliveredMessage> delivered)
    {
        if (delivered.Count == 0)
        {
            return "no delivered message to look at (use DELIVERED first)";
        }

        var received = DeliveredHeaders.Named(delivered[0], ["Received"]);
        if (received.Count == 0)
        {
            return "the delivered copy has no Received: field (RFC 5321 §4.4: the server MUST add one)";
        }

        var top = received[0];
        var problems = new List<string>();
        if (argument.Length > 0 && top.Contains(argument, StringComparison.OrdinalIgnoreCase))
        {
            return $"the topmost Received: field is the client's forged one: '{top}'";
        }

        var semicolon = top.LastIndexOf(';');
        var clauses = semicolon < 0 ? top : top[..semicolon];
        // RFC 5321 §4.4: Stamp = From-domain By-domain Opt-info ";" date-time; WITH and ID are in Opt-info (optional),
        // and the peer's address literal in FROM is a SHOULD (received-peer-literal): neither is graded here.
        foreach (var clause in new[] { "from", "by" })
        {
            if (!Regex.IsMatch(clauses, $@"(^Received:|\s|\)){clause}\s", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1)))
            {
                problems.Add($"no '{clause}' clause");
            }
        }

        if (semicolon < 0 || !MimeKit.Utils.DateUtils.TryParse(top[(semicolon + 1)..].Trim(), out _))
        {
            problems.Add(semicolon < 0 ? "no '; date-time'" : $"date '{top[(semicolon + 1)..].Trim()}' does not parse");
        }

        if (argument.Length > 0 && !received.Skip(1).Any(r => r.Contains(argument, StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add($"the client's Received: field with '{argument}' is not below it (dropped or reordered)");
        }

        return problems.Count == 0 ? null : $"topmost Received: '{top}': {string.Join("; ", problems)}";
    }

    /// <summary>
    /// <c>received-peer-literal</c>: the FROM clause of the topmost Received: field carries the peer's address literal,
    /// "determined from the TCP connection" — a SHOULD of RFC 5321 §4.4, so scenarios use it as <c>ASSERT should …</c>.
    /// </summary>
    private static string? ReceivedPeerLiteral(IReadOnlyList<DeliveredMessage> delivered)
    {
        var received = delivered.Count == 0 ? [] : DeliveredHeaders.Named(delivered[0], ["Received"]);
        if (received.Count == 0)
        {
            return "no delivered Received: field to look at (use DELIVERED first)";
        }

        var top = received[0];
        var semicolon = top.LastIndexOf(';');
        var from = Regex.Match(semicolon < 0 ? top : top[..semicolon], @"\sfrom\s(?<from>.*?)(\sby\s|$)", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
        return from.Success && PeerLiteral().IsMatch(from.Groups["from"].Value)
            ? null
            : $"the from clause of the topmost Received: field names no peer address ([a.b.c.d] / [IPv6:…]): '{top}'";
    }

    /// <summary>
    /// <c>no-separate-message TOKEN</c> (SMTP smuggling): none of the delivered messages carries TOKEN in its own header
    /// section. The smuggled message puts TOKEN in its Subject:; as long as it stays data, TOKEN is only in the first
    /// message's body.
    /// </summary>
    private static string? NoSeparateMessage(string argument, IReadOnlyList<DeliveredMessage> delivered)
    {
        var separate = delivered.Where(m => DeliveredHeaders.All(m).Any(h => h.Contains(argument, StringComparison.Ordinal))).ToList();
        if (separate.Count == 0)
        {
            return null;
        }

        var subject = DeliveredHeaders.Named(separate[0], ["Subject", "From"]);
        return $"{separate.Count} smuggled message(s) carrying '{argument}' were delivered on their own ({string.Join(" | ", subject)})";
    }

    /// <summary>
    /// <c>enhanced-status-all</c> (RFC 2034 §3, RFC 3463 §2): every SMTP reply of the session so far, except the greeting and
    /// the EHLO response, starts with an enhanced status code whose class is the reply code's class.
    /// </summary>
    private static string? EnhancedStatusAll(IReadOnlyList<SmtpReply> session)
    {
        if (session.Count == 0)
        {
            return "no SMTP reply has been read yet";
        }

        var judged = session.Skip(1).Where(r => !r.Lines.Skip(1).Any(l => l.StartsWith("ENHANCEDSTATUSCODES", StringComparison.OrdinalIgnoreCase))).ToList();
        if (judged.Count == 0)
        {
            // Only the greeting (and EHLO) were read: every reply the rule covers is missing, so nothing was shown to conform.
            return "no reply to check: only the greeting and the EHLO response have been read";
        }

        var bad = judged
            .Where(r => r.Enhanced is null || r.Enhanced.Class != r.Class)
            .Select(r => r.Enhanced is null ? $"'{r.Raw[0]}' has none" : $"'{r.Raw[0]}': class {r.Enhanced.Class} ≠ {r.Class}")
            .ToList();
        return bad.Count == 0 ? null : $"{bad.Count} of {judged.Count} replies: {string.Join("; ", bad)}";
    }

    [GeneratedRegex(@"\[(\d{1,3}(\.\d{1,3}){3}|IPv6:[0-9A-Fa-f:.]+)\]")]
    private static partial Regex PeerLiteral();
}
