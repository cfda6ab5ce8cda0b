using System.Text.RegularExpressions;
using ConformanceHarness.Pop3;
using ConformanceHarness.Smtp;

namespace ConformanceHarness.Scenarios;

/// <summary>
/// Built-in checks of the last reply, used as <c>ASSERT name [argument]</c>. Each returns null when the reply
/// conforms, else what was wrong.
/// </summary>
public static partial class ReplyChecks
{
    public static IReadOnlySet<string> Known { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "ehlo-keywords", "enhanced-status", "crlf", "pop3-status-case", "capa", "has-keyword", "lacks-keyword",
        "text-contains", "text-lacks", "body-contains", "body-lacks", "equals", "same", "differs", "received-first-lacks",
        "scan-listing", "uidl-listing", "body-octets", "top-lines", "compare", "pop3-received-first",
        "one-of", "delivered-has-lines", "received-trace", "enhanced-status-all", "no-separate-message", "enumeration",
        "auth-result", "dkim-valid", "reply-after", "received-peer-literal",
    };

    /// <summary>Runs check <paramref name="name"/> with its (already expanded) argument; a malformed argument is described as the failure.</summary>
    public static string? Evaluate(string name, string argument, CheckContext context)
    {
        try
        {
            return Check(name, argument, context);
        }
        catch (CheckArgumentException e)
        {
            return e.Message;
        }
    }

    /// <summary>
    /// Runs check <paramref name="name"/>: null when the reply conforms, else what was wrong. Throws
    /// <see cref="CheckArgumentException"/> when the argument (or the check's name) makes no sense: nothing was judged.
    /// </summary>
    public static string? Check(string name, string argument, CheckContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return name switch
        {
            "received-first-lacks" => ReceivedFirstLacks(argument, context.LastDelivered),
            "delivered-has-lines" => DeliveredHasLines(argument, context.LastDelivered),
            "received-trace" => ReceivedTrace(argument, context.LastDelivered),
            "received-peer-literal" => ReceivedPeerLiteral(context.LastDelivered),
            "no-separate-message" => NoSeparateMessage(argument, context.LastDelivered),
            "auth-result" => AuthResult(argument, context.LastDelivered),
            "dkim-valid" => DkimValid(argument, context.LastDelivered),
            "enhanced-status-all" => EnhancedStatusAll(context.SessionSmtp),
            "enumeration" => Enumeration(argument, context),
            "one-of" => OneOf(argument),
            "reply-after" => ReplyAfter(argument, context),
            _ => Evaluate(name, argument, context.LastSmtp, context.LastPop3),
        };
    }

    private static string? Evaluate(string name, string argument, SmtpReply? smtp, Pop3Reply? pop3) => name switch
    {
        "ehlo-keywords" => RequireSmtp(smtp) ?? EhloKeywords(smtp!),
        "enhanced-status" => RequireSmtp(smtp) ?? EnhancedStatus(smtp!),
        "crlf" => smtp is null ? NoReplyToCheck : smtp.BareLineFeeds == 0 ? null : $"{smtp.BareLineFeeds} line(s) of the reply ended with a bare LF (RFC 5321 §2.3.8: lines end with CRLF)",
        "pop3-status-case" => RequirePop3(pop3) ?? (pop3!.Status is "+OK" or "-ERR" ? null : $"status indicator '{pop3.Status}' is not upper case (RFC 1939 §3: \"+OK\" and \"-ERR\")"),
        "capa" => RequirePop3(pop3) ?? Capa(pop3!),
        "has-keyword" => RequireSmtp(smtp) ?? (Keywords(smtp!).Contains(argument.ToUpperInvariant()) ? null : $"EHLO does not advertise {argument}"),
        "lacks-keyword" => RequireSmtp(smtp) ?? (Keywords(smtp!).Contains(argument.ToUpperInvariant()) ? $"EHLO advertises {argument}" : null),
        "text-contains" => Text(smtp, pop3).Contains(argument, StringComparison.OrdinalIgnoreCase) ? null : $"the reply text does not contain '{argument}'",
        "text-lacks" => RequireReply(smtp, pop3) ?? (Text(smtp, pop3).Contains(argument, StringComparison.OrdinalIgnoreCase) ? $"the reply text contains '{argument}'" : null),
        "body-contains" => RequirePop3Body(pop3) ?? (string.Join("\n", pop3!.Body!).Contains(argument, StringComparison.Ordinal) ? null : $"the body does not contain '{argument}'"),
        "body-lacks" => RequirePop3Body(pop3) ?? (string.Join("\n", pop3!.Body!).Contains(argument, StringComparison.Ordinal) ? $"the body contains '{argument}'" : null),
        "equals" => Equal(argument),
        "scan-listing" => RequirePop3Body(pop3) ?? ScanListing(pop3!, argument),
        "uidl-listing" => RequirePop3Body(pop3) ?? UidlListing(pop3!),
        "body-octets" => RequirePop3Body(pop3) ?? BodyOctets(pop3!, argument),
        "top-lines" => RequirePop3Body(pop3) ?? TopLines(pop3!, argument),
        "compare" => Compare(argument),
        "pop3-received-first" => RequirePop3Body(pop3) ?? ReceivedFirst(pop3!, argument),
        "same" => Same(argument),
        "differs" => Differs(argument),
        _ => throw new CheckArgumentException($"unknown check '{name}'"),
    };

    /// <summary>EHLO keywords (upper case) of a 250 EHLO reply: every line but the first.</summary>
    public static IReadOnlySet<string> Keywords(SmtpReply reply) =>
        reply.Lines.Skip(1)
            .Select(l => l.Split(' ', 2)[0].ToUpperInvariant())
            .Where(k => k.Length > 0)
            .ToHashSet(StringComparer.Ordinal);

    private static string? EhloKeywords(SmtpReply reply)
    {
        // RFC 5321 §4.1.1.1: ehlo-line = ehlo-keyword *( SP ehlo-param ); keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-").
        var bad = reply.Lines.Skip(1).Where(l => !EhloLine().IsMatch(l)).ToList();
        return bad.Count == 0 ? null : $"EHLO line(s) not of the form 'keyword *(SP param)': {string.Join(" | ", bad.Select(b => $"'{b}'"))}";
    }

    private static string? EnhancedStatus(SmtpReply reply)
    {
        if (reply.Enhanced is null)
        {
            return $"reply '{reply.Raw[0]}' carries no enhanced status code (RFC 2034 §3: every reply but the greeting and EHLO/HELO)";
        }

        return reply.Enhanced.Class == reply.Class
            ? null
            : $"enhanced code {reply.Enhanced} has class {reply.Enhanced.Class}, the reply code {reply.Code} has class {reply.Class} (RFC 3463 §2)";
    }

    private static string? Capa(Pop3Reply reply)
    {
        if (reply.Body is null)
        {
            return "CAPA must answer with a multi-line response (RFC 2449 §5)";
        }

        // RFC 2449 §9: capa-tag = 1*cchar; cchar = %x21-2D / %x2F-7F (printable, no '.'), params separated by SP.
        var bad = reply.Body.Where(l => !CapaLine().IsMatch(l)).ToList();
        return bad.Count == 0 ? null : $"CAPA line(s) not of the form 'tag *(SP param)': {string.Join(" | ", bad.Select(b => $"'{b}'"))}";
    }

    private static string? Equal(string argument)
    {
        var parts = argument.Split(" == ", 2);
        if (parts.Length != 2)
        {
            throw new CheckArgumentException("equals needs 'A == B'");
        }

        return parts[0].Trim() == parts[1].Trim() ? null : $"'{parts[0].Trim()}' differs from '{parts[1].Trim()}'";
    }

    /// <summary>
    /// <c>same {{a}} == {{b}}</c>: two captured values (e.g. two reply codes) must be the same. Used to compare a real
    /// user's reply with a certainly-absent user's: a difference reveals who exists.
    /// </summary>
    private static string? Same(string argument)
    {
        var parts = argument.Split(" == ", 2);
        if (parts.Length != 2)
        {
            throw new CheckArgumentException("same needs 'A == B'");
        }

        var (a, b) = (parts[0].Trim(), parts[1].Trim());
        return a == b ? null : $"the replies differ ({a} vs {b}): the difference reveals which of the two exists";
    }

    /// <summary><c>differs {{a}} != {{b}}</c>: two captured values must differ.</summary>
    private static string? Differs(string argument)
    {
        var parts = argument.Split(" != ", 2);
        if (parts.Length != 2)
        {
            throw new CheckArgumentException("differs needs 'A != B'");
        }

        return parts[0].Trim() != parts[1].Trim() ? null : $"both are '{parts[0].Trim()}'";
    }

    /// <summary>
    /// <c>received-first-lacks TEXT</c>: the topmost Received: line of the last delivered message (the receiving server's
    /// own, RFC 5321 §4.4) must not contain TEXT, e.g. a token planted in a forged Received: line sent in DATA.
    /// </summary>
    private static string? ReceivedFirstLacks(string argument, IReadOnlyList<Delivery.DeliveredMessage> delivered)
    {
        if (delivered.Count == 0)
        {
            return "no delivered message to look at (use DELIVERED first)";
        }

        var received = Delivery.DeliveredHeaders.Named(delivered[0], ["Received"]);
        var first = received.Count > 0 ? received[0] : null;
        if (first is null)
        {
            return "the delivered copy has no Received: line at all (RFC 5321 §4.4: the server MUST add one)";
        }

        return first.Contains(argument, StringComparison.OrdinalIgnoreCase)
            ? $"the topmost Received: line is the client's forged one, not the server's own: '{first}'"
            : null;
    }

    private static string Text(SmtpReply? smtp, Pop3Reply? pop3) => smtp?.Text ?? pop3?.Text ?? string.Empty;

    private static string? RequireSmtp(SmtpReply? smtp) => smtp is null ? "no SMTP reply has been read yet" : null;

    /// <summary>
    /// A check of "the reply" with no reply read on this connection (ASSERT before any S:, or after the server closed
    /// instead of replying) judges nothing: it fails with "no reply to check" like the other reply checks, never passes.
    /// </summary>
    private static string? RequireReply(SmtpReply? smtp, Pop3Reply? pop3) => smtp is null && pop3 is null ? NoReplyToCheck : null;

    private const string NoReplyToCheck = "no reply to check: none has been read on this connection yet";

    private static string? RequirePop3(Pop3Reply? pop3) => pop3 is null ? "no POP3 response has been read yet" : null;

    private static string? RequirePop3Body(Pop3Reply? pop3) => RequirePop3(pop3) ?? (pop3!.Body is null ? "the last response has no multi-line body (use S+:)" : null);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9-]*( [\x21-\x7E]+)*$")]
    private static partial Regex EhloLine();

    [GeneratedRegex(@"^[\x21-\x2D\x2F-\x7E][\x21-\x7E]*( [\x21-\x7E]+)*$")]
    private static partial Regex CapaLine();
}
