namespace ConformanceHarness.Tests.Fakes;

/// <summary>
/// Switches that break one rule each in <see cref="FakeSmtpServer"/>. With none set, the fake follows RFC 5321.
/// Combine with '|'.
/// </summary>
[Flags]
public enum SmtpFault
{
    None = 0,

    /// <summary>Greets with 554 (legal per RFC 5321 §3.1, but it refuses service), then answers 503 to all but QUIT.</summary>
    GreetingRefused = 1 << 0,

    /// <summary>Answers EHLO with 500, like a server that knows only RFC 821.</summary>
    EhloNotRecognized = 1 << 1,

    /// <summary>Advertises a line that is no ehlo-keyword (RFC 5321 §4.1.1.1).</summary>
    EhloMalformedKeyword = 1 << 2,

    /// <summary>Answers HELO with 500.</summary>
    HeloNotRecognized = 1 << 3,

    /// <summary>Answers NOOP with 502.</summary>
    NoopRefused = 1 << 4,

    /// <summary>Answers RSET with 250 but keeps the sender (RFC 5321 §4.1.1.5 says discard it).</summary>
    RsetKeepsTransaction = 1 << 5,

    /// <summary>Closes on QUIT without the 221 reply.</summary>
    QuitWithout221 = 1 << 6,

    /// <summary>Replies 221 to QUIT but leaves the connection open.</summary>
    QuitStaysOpen = 1 << 7,

    /// <summary>Replies 250 to commands it does not know.</summary>
    UnknownCommandAccepted = 1 << 8,

    /// <summary>Replies 502 (not implemented) to commands it does not know, as Postfix does; §4.2.4 asks for 500.</summary>
    UnknownCommandAs502 = 1 << 9,

    /// <summary>Accepts RCPT with no MAIL before it.</summary>
    RcptBeforeMailAccepted = 1 << 10,

    /// <summary>Answers DATA with 354 when there is no recipient.</summary>
    DataBeforeRcptAccepted = 1 << 11,

    /// <summary>Refuses out-of-order commands with 550 instead of 503 (a 5xx, so a tolerated fallback).</summary>
    OutOfSequenceAs550 = 1 << 12,

    /// <summary>Ends reply lines with a bare LF instead of CRLF (RFC 5321 §2.3.8).</summary>
    BareLineFeeds = 1 << 13,

    /// <summary>Advertises ENHANCEDSTATUSCODES but sends replies without them (RFC 2034 §3).</summary>
    NoEnhancedCodes = 1 << 14,

    /// <summary>Answers HELO with the multi-line EHLO keyword list (RFC 5321 §3.2 forbids it).</summary>
    HeloAnsweredLikeEhlo = 1 << 15,

    /// <summary>Answers NOOP with 250 but drops the open transaction (RFC 5321 §4.1.1.9: NOOP affects nothing).</summary>
    NoopClearsTransaction = 1 << 16,

    /// <summary>An open relay: accepts any recipient it is not the final destination for, in any address form (foreign, percent hack, bang path, source route, quoted), and relays the message to the fake's sink.</summary>
    OpenRelay = 1 << 17,

    /// <summary>VRFY answers 250 with the mailbox for a real user and 550 for an unknown one (user enumeration).</summary>
    VrfyLeaksUsers = 1 << 18,

    /// <summary>EXPN answers 250 with the mailbox for a real user and 550 for an unknown one (user enumeration).</summary>
    ExpnLeaksUsers = 1 << 19,

    /// <summary>With <see cref="FakeSmtpOptions.AuthPlain"/>: refuses foreign recipients even from an authenticated client.</summary>
    AuthenticatedRelayRefused = 1 << 20,
}
