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
}
