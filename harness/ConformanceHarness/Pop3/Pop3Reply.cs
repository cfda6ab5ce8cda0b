namespace ConformanceHarness.Pop3;

/// <summary>
/// One POP3 response (RFC 1939 §3): a status line starting <c>+OK</c> or <c>-ERR</c>, and for multi-line
/// responses the body lines with byte-stuffing undone and the terminating "." removed.
/// </summary>
/// <param name="Ok">True for +OK.</param>
/// <param name="Status">The status indicator exactly as sent (case is graded: RFC 1939 §3 says upper case).</param>
/// <param name="Text">Text after the status indicator.</param>
/// <param name="Raw">The status line as received.</param>
/// <param name="Body">Body lines (multi-line responses only), dot-unstuffed.</param>
public sealed record Pop3Reply(bool Ok, string Status, string Text, string Raw, IReadOnlyList<string>? Body = null, byte[]? BodyBytes = null)
{
    /// <summary>Status and text, as a regex expectation sees it.</summary>
    public override string ToString() => Body is null ? Raw : $"{Raw} (+{Body.Count} lines)";
}
