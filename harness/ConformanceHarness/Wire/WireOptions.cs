namespace ConformanceHarness.Wire;

/// <summary>Bounds on what the harness will read and how long it waits. Every bound is checked, none is advisory.</summary>
public sealed record WireOptions
{
    /// <summary>Longest line accepted from a server (RFC 5321 §4.5.3.1.5 allows 512 for replies; we allow more and report).</summary>
    public int MaxLineBytes { get; init; } = 8192;

    /// <summary>Most lines in one multi-line SMTP reply.</summary>
    public int MaxReplyLines { get; init; } = 500;

    /// <summary>Largest POP3 multi-line body.</summary>
    public int MaxBodyBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Time allowed for one protocol step (one reply, one TLS handshake).</summary>
    public TimeSpan StepTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Time allowed to open the TCP connection.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Validate the server certificate on TLS (off for test targets, on when asked).</summary>
    public bool ValidateCertificates { get; init; }

    public static WireOptions Default { get; } = new();
}
