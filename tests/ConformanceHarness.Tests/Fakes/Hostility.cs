namespace ConformanceHarness.Tests.Fakes;

/// <summary>What a <see cref="HostileServer"/> does instead of speaking the protocol.</summary>
public enum Hostility
{
    /// <summary>Accepts and never sends a byte.</summary>
    Silent,

    /// <summary>Sends its greeting one byte a second.</summary>
    Drip,

    /// <summary>Starts a greeting line and never ends it.</summary>
    EndlessLine,

    /// <summary>Greets, then answers the first command with <c>250-</c> continuation lines forever.</summary>
    EndlessMultiLine,

    /// <summary>Greets (+OK), then answers the first command with +OK and a multi-line body that never ends.</summary>
    EndlessPop3Body,

    /// <summary>Sends binary garbage instead of a greeting.</summary>
    Garbage,

    /// <summary>Sends part of a multi-line greeting, then resets the connection (RST).</summary>
    ResetMidReply,

    /// <summary>Greets, then closes before the first command.</summary>
    CloseAfterGreeting,

    /// <summary>Greets, then never reads another byte (the client's writes fill the socket buffers and block).</summary>
    StopsReading,
}
