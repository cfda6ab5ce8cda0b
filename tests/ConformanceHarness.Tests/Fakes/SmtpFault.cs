namespace ConformanceHarness.Tests.Fakes;

/// <summary>
/// Switches that break one rule each in <see cref="FakeSmtpServer"/>. With none set, the fake follows RFC 5321.
/// Combine with '|'.
/// </summary>
[Flags]
public enum SmtpFault : long
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

    /// <summary>Inside DATA a bare LF is a line end, so <c>\n.\n</c>, <c>\n.\r\n</c> and <c>\r\n.\n</c> end the message (SMTP smuggling).</summary>
    DataEndsAtBareLf = 1L << 21,

    /// <summary>Inside DATA a bare CR or a bare LF is a line end: every CR/LF end-of-data variant ends the message (SMTP smuggling).</summary>
    DataEndsAtBareCr = 1L << 22,

    /// <summary>Drops NUL bytes from DATA before looking for the end, so <c>\r\n\0.\r\n</c> ends the message (SMTP smuggling).</summary>
    DataStripsNul = 1L << 23,

    /// <summary>Commands are matched case-sensitively: a lower-case verb is an unknown command (RFC 5321 §2.4).</summary>
    CaseSensitiveCommands = 1L << 24,

    /// <summary>EHLO in the middle of a transaction keeps the sender (RFC 5321 §4.1.4: EHLO resets it).</summary>
    EhloKeepsTransaction = 1L << 25,

    /// <summary>Cuts a command line at 512 octets and answers the rest as a second command (the session falls out of step).</summary>
    CommandLineSplitAt512 = 1L << 26,

    /// <summary>Ignores MAIL/RCPT parameters it does not know instead of refusing them with 555 (RFC 5321 §4.1.1.11).</summary>
    UnknownParametersIgnored = 1L << 27,

    /// <summary>Throws away input that arrived before its reply was sent (a server without PIPELINING that still advertises it).</summary>
    PipelinedInputDiscarded = 1L << 28,

    /// <summary>STARTTLS keeps plaintext pipelined behind it and answers it inside TLS (RFC 3207 §4.2 command injection).</summary>
    StartTlsKeepsPlaintext = 1L << 29,

    /// <summary>Puts its Received: line below the client's header fields instead of on top, without an id and with a bad date.</summary>
    TraceHeaderMisplaced = 1L << 30,

    /// <summary>AUTH: '*' does not cancel (answered 535), a second AUTH and AUTH inside a transaction are accepted (RFC 4954 §4).</summary>
    AuthSequenceIgnored = 1L << 31,

    /// <summary>Keeps the client's transparency dot: a text line sent as "..x" is stored as "..x" (RFC 5321 §4.5.2).</summary>
    DotUnstuffingSkipped = 1L << 32,

    /// <summary>STARTTLS with an argument, or a second one inside TLS, is answered 220 (RFC 3207 §4: 501; no STARTTLS after TLS).</summary>
    StartTlsLenient = 1L << 33,

    /// <summary>Advertises its SIZE limit but accepts a message whose data is larger (RFC 1870 §6.3: 552).</summary>
    ActualSizeUnchecked = 1L << 34,

    /// <summary>
    /// Answers 250 to every recipient it is not the final destination for, as <see cref="OpenRelay"/> does, but relays
    /// nothing (unknown local users are still refused): a 250 that no oracle confirms and no catch-all explains.
    /// </summary>
    RelayAcceptedNotDelivered = 1L << 35,

    /// <summary>Its Received: line is complete but names only the EHLO host in the from clause, no peer address literal (RFC 5321 §4.4: a SHOULD).</summary>
    TraceWithoutPeerLiteral = 1L << 36,
}
