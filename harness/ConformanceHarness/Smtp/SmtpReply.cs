namespace ConformanceHarness.Smtp;

/// <summary>
/// One SMTP reply (RFC 5321 §4.2): a three-digit code on every line, '-' after the code on all lines
/// but the last, and the text of each line.
/// </summary>
/// <param name="Code">The reply code shared by every line.</param>
/// <param name="Lines">Text of each line, after the code and separator.</param>
/// <param name="Enhanced">RFC 3463 code at the start of the first line's text, if any.</param>
/// <param name="Raw">The lines as received, without terminators.</param>
/// <param name="BareLineFeeds">How many lines ended with LF alone instead of CRLF.</param>
public sealed record SmtpReply(int Code, IReadOnlyList<string> Lines, EnhancedStatusCode? Enhanced, IReadOnlyList<string> Raw, int BareLineFeeds = 0)
{
    public int Class => Code / 100;

    /// <summary>All line texts joined with newlines (what regex expectations match against).</summary>
    public string Text => string.Join('\n', Lines);

    public override string ToString() => string.Join(" / ", Raw);
}
