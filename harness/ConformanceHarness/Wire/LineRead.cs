namespace ConformanceHarness.Wire;

public enum LineStatus
{
    /// <summary>A line ending in LF was read (see <see cref="LineRead.Terminator"/>).</summary>
    Line,
    /// <summary>The server closed the connection (FIN); <see cref="LineRead.Bytes"/> holds any partial line.</summary>
    Closed,
    /// <summary>The connection was reset or broke.</summary>
    Reset,
    /// <summary>The line exceeded <see cref="WireOptions.MaxLineBytes"/>; reading stopped.</summary>
    TooLong,
}

/// <summary>One line from the server, with its terminator kept apart so bare LF can be graded.</summary>
public sealed record LineRead(LineStatus Status, byte[] Bytes, string Terminator, string? Detail = null)
{
    /// <summary>The line without its terminator, decoded leniently (invalid UTF-8 becomes U+FFFD).</summary>
    public string Text => System.Text.Encoding.UTF8.GetString(Bytes);

    public bool IsLine => Status == LineStatus.Line;
}
