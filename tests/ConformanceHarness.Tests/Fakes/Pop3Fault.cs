namespace ConformanceHarness.Tests.Fakes;

/// <summary>
/// Switches that break one rule each in <see cref="FakePop3Server"/>. With none set, the fake follows RFC 1939
/// (and RFC 2449 CAPA, RFC 2595 STLS). Combine with '|'.
/// </summary>
[Flags]
public enum Pop3Fault
{
    None = 0,

    /// <summary>Greets with -ERR (RFC 1939 §4: the greeting is a positive response).</summary>
    GreetingNegative = 1 << 0,

    /// <summary>Sends "+ok" / "-err" (RFC 1939 §3: status indicators are upper case).</summary>
    LowerCaseStatus = 1 << 1,

    /// <summary>Answers transaction commands (STAT, LIST, RETR…) before login.</summary>
    CommandsBeforeLoginAccepted = 1 << 2,

    /// <summary>Refuses the right password.</summary>
    RejectsPassword = 1 << 3,

    /// <summary>Advertises STLS in CAPA, then answers -ERR to it.</summary>
    StlsRefused = 1 << 4,

    /// <summary>Answers STAT with "+OK 2 messages (320 octets)" instead of "+OK nn mm" (RFC 1939 §5).</summary>
    StatVerbose = 1 << 5,

    /// <summary>Sends a LIST body without the terminating "." line.</summary>
    ListUnterminated = 1 << 6,

    /// <summary>Sends RETR bodies without byte-stuffing lines that begin with "." (RFC 1939 §3).</summary>
    NoByteStuffing = 1 << 7,

    /// <summary>Replies +OK to QUIT but leaves the connection open.</summary>
    QuitStaysOpen = 1 << 8,

    /// <summary>Closes on QUIT without a reply.</summary>
    QuitWithoutReply = 1 << 9,

    /// <summary>Keeps plaintext pipelined behind STLS and answers it inside TLS (RFC 2595 §4, the STARTTLS injection).</summary>
    StlsInjection = 1 << 10,

    /// <summary>Still lists STLS in CAPA after TLS is up (RFC 2595 §4: capabilities are re-read after STLS).</summary>
    StlsStillOffered = 1 << 11,

    /// <summary>DELE expunges at once, visible to other sessions (RFC 1939 §6: only the UPDATE state removes messages).</summary>
    DeleExpunges = 1 << 12,

    /// <summary>A session ended without QUIT still removes its marked messages (RFC 1939 §6).</summary>
    DisconnectUpdates = 1 << 13,

    /// <summary>RSET does not unmark deleted messages (RFC 1939 §5 RSET).</summary>
    RsetKeepsMarks = 1 << 14,

    /// <summary>A message marked as deleted is still served by RETR/LIST/TOP and counted by STAT (RFC 1939 §5).</summary>
    DeletedStillServed = 1 << 15,

    /// <summary>Unique-ids are made up afresh in every session (RFC 1939 §7: they persist across sessions).</summary>
    UidlPerSession = 1 << 16,

    /// <summary>LIST and STAT count sizes with bare-LF line ends, not the CRLF octets RETR sends (RFC 1939 §5, §11).</summary>
    SizesWithoutCr = 1 << 17,

    /// <summary>TOP sends the whole message whatever the line count (RFC 1939 §7).</summary>
    TopWholeMessage = 1 << 18,

    /// <summary>Takes no exclusive lock: a second session logs in to a maildrop another session holds (RFC 1939 §4, §8).</summary>
    NoMaildropLock = 1 << 19,

    /// <summary>Answers USER for an unknown user with "-ERR no such user" (enumeration; RFC 1939 §13, RFC 2449 §8.1.2).</summary>
    RevealsUnknownUser = 1 << 20,
}
