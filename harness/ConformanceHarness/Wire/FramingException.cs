namespace ConformanceHarness.Wire;

/// <summary>
/// An oracle that reads a mailbox over the protocol met a framing error (a POP3 body without its end, an unstuffed
/// line): retrying cannot help, and the step that asked is not graded on it (the framing scenario is).
/// </summary>
public sealed class FramingException(ReadFailure failure) : Exception($"framing error: {failure}")
{
    public ReadFailure Failure { get; } = failure;
}
