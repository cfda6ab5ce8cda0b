using ConformanceHarness.Scenarios;
using ConformanceHarness.Targets;
using ConformanceHarness.Wire;

namespace ConformanceHarness.Protocols;

/// <summary>
/// What differs between SMTP and POP3 for the harness: how a reply is read and matched, how capabilities are listed,
/// and the verb that asks for TLS. Everything else (steps, grading, timeouts) is the same for both.
/// </summary>
internal interface IProtocolDialect
{
    MailProtocol Protocol { get; }

    /// <summary>STARTTLS (RFC 3207) or STLS (RFC 2595 §4).</summary>
    string TlsVerb { get; }

    /// <summary>"reply" (SMTP) or "response" (POP3), in timeout messages.</summary>
    string ReplyNoun { get; }

    /// <summary>What a good greeting is, for messages: "220" or "+OK".</summary>
    string GreetingName { get; }

    /// <summary>What a QUIT is answered with: "221" (RFC 5321 §4.1.1.10) or "+OK" (RFC 1939 §4, §6).</summary>
    string QuitAnswer { get; }

    /// <summary>The rule a reply that answers no command breaks, for framing errors.</summary>
    string FramingRule { get; }

    /// <summary>
    /// The first reply of a connection may take longer than a step in polite mode: SMTP servers delay their greeting on
    /// purpose (greet_pause, postscreen, tarpits); POP3 servers have no such practice.
    /// </summary>
    bool GreetingMayBeSlow { get; }

    /// <summary>Reads one reply; <paramref name="multiLine"/> asks POP3 for a dot-terminated body (SMTP replies carry their own continuation).</summary>
    Task<(ProtocolReply? Reply, ReadFailure? Failure)> ReadAsync(WireConnection connection, WireOptions options, bool multiLine, CancellationToken cancellationToken);

    bool Matches(ProtocolReply reply, ReplyPattern pattern);

    /// <summary>A greeting that opens the session (RFC 5321 §4.2: 2yz; RFC 1939 §4: +OK).</summary>
    bool IsGoodGreeting(ProtocolReply reply);

    /// <summary>The answer to <see cref="TlsVerb"/> that means "start the handshake now" (220 / +OK).</summary>
    bool IsTlsGoAhead(ProtocolReply reply);

    /// <summary>The advertised keywords (EHLO) or tags (CAPA), upper case; empty when the server refuses to list them.</summary>
    Task<HashSet<string>> ListCapabilitiesAsync(WireConnection connection, TestIdentity identity, WireOptions options, CancellationToken cancellationToken);
}
