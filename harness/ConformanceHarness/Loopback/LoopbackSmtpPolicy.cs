namespace ConformanceHarness.Loopback;

/// <summary>
/// How a <see cref="LoopbackSmtpServer"/> answers: its reply texts (multi-line replies joined with CRLF), whether it
/// keeps RFC 5321 §4.1.4's command order, and the bounds that keep a hostile client from holding it for ever.
/// Each user states its own (the capture sink accepts everything; a CLI test's "broken" server ignores the order).
/// </summary>
public sealed record LoopbackSmtpPolicy
{
    public required string Greeting { get; init; }

    public required string Ehlo { get; init; }

    public required string Helo { get; init; }

    public string Mail { get; init; } = "250 2.1.0 Ok";

    public string Rcpt { get; init; } = "250 2.1.5 Ok";

    public string Data { get; init; } = "354 End data with <CR><LF>.<CR><LF>";

    /// <summary>The reply to the final "." of DATA.</summary>
    public string Accepted { get; init; } = "250 2.0.0 Ok: queued";

    public string Reset { get; init; } = "250 2.0.0 Ok";

    public string Noop { get; init; } = "250 2.0.0 Ok";

    public string Quit { get; init; } = "221 2.0.0 Bye";

    public string Unrecognised { get; init; } = "502 5.5.2 Error: command not recognized";

    /// <summary>
    /// RFC 5321 §4.1.4: 503 for MAIL before EHLO/HELO, a nested MAIL, RCPT before MAIL and DATA before RCPT.
    /// Off, every command in any order gets its success reply.
    /// </summary>
    public bool EnforceCommandOrder { get; init; }

    /// <summary>Accept connections and never say a word (a server that hangs), until cancelled or <see cref="SessionLimit"/>.</summary>
    public bool Silent { get; init; }

    /// <summary>A session is closed after this long, whatever the client does.</summary>
    public TimeSpan SessionLimit { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Message bytes kept per DATA; the rest is read and dropped, so a client cannot grow memory without end.</summary>
    public int MaxMessageBytes { get; init; } = 32 * 1024 * 1024;
}
