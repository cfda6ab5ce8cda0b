namespace ConformanceHarness.Wire;

public enum ReadFailureKind
{
    /// <summary>Nothing complete arrived within the step timeout.</summary>
    Timeout,
    /// <summary>The server closed the connection.</summary>
    Closed,
    /// <summary>The connection was reset or broke.</summary>
    Reset,
    /// <summary>A line, reply or body exceeded its bound.</summary>
    TooLarge,
    /// <summary>The bytes do not form a reply of the protocol.</summary>
    Malformed,
    /// <summary>
    /// The replies are out of step with the commands: bytes that answer no command, a multi-line response without its
    /// end, an unstuffed line. Nothing read after it can be matched to a command (RFC 5321 §4.2, RFC 1939 §3).
    /// </summary>
    Framing,
}

/// <summary>Why a reply could not be read: a finding about the server, not a harness crash.</summary>
public sealed record ReadFailure(ReadFailureKind Kind, string Detail, string Partial = "")
{
    /// <summary>For a <see cref="ReadFailureKind.Framing"/> failure: which framing rule ("unstuffed", "unterminated").</summary>
    public string? Violation { get; init; }

    public override string ToString() => Partial.Length == 0 ? $"{Kind}: {Detail}" : $"{Kind}: {Detail} (received: {Partial})";
}
