namespace ConformanceHarness.Wire;

/// <summary>
/// Bounds on what the harness will read and how long it waits. Every bound is checked, none is advisory; and every
/// value is checked when it is set, so an out-of-range one is refused where it is written (an
/// <see cref="ArgumentOutOfRangeException"/> naming the option and its range), never later inside a library call.
/// </summary>
public sealed record WireOptions
{
    /// <summary>
    /// A step timeout: at least 10 ms, the least Polly's timeout strategy accepts (TimeoutStrategyOptions.Timeout), and at
    /// most an hour, past which a "slow server" is a hung one.
    /// </summary>
    public static DurationRange StepTimeoutRange { get; } = new(TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(1));

    /// <summary>A connect timeout: the same bounds as a step.</summary>
    public static DurationRange ConnectTimeoutRange { get; } = StepTimeoutRange;

    /// <summary>The least line length: RFC 5321 §4.5.3.1.5 allows reply lines of 512 octets, so a smaller bound would cut legal replies.</summary>
    public const int MinLineBytes = 512;

    /// <summary>The longest line bound: the connection keeps a buffer of this size.</summary>
    public const int MaxLineBytesLimit = 1024 * 1024;

    /// <summary>The largest POP3 body bound: a body is held in memory.</summary>
    public const int MaxBodyBytesLimit = 1024 * 1024 * 1024;

    /// <summary>Longest line accepted from a server (RFC 5321 §4.5.3.1.5 allows 512 for replies; we allow more and report).</summary>
    public int MaxLineBytes { get; init => field = InRange(value, MinLineBytes, MaxLineBytesLimit, nameof(MaxLineBytes)); } = 8192;

    /// <summary>Most lines in one multi-line SMTP reply.</summary>
    public int MaxReplyLines { get; init => field = InRange(value, 1, 1_000_000, nameof(MaxReplyLines)); } = 500;

    /// <summary>Largest POP3 multi-line body.</summary>
    public int MaxBodyBytes { get; init => field = InRange(value, 1, MaxBodyBytesLimit, nameof(MaxBodyBytes)); } = 16 * 1024 * 1024;

    /// <summary>Time allowed for one protocol step (one reply, one TLS handshake); see <see cref="StepTimeoutRange"/>.</summary>
    public TimeSpan StepTimeout { get; init => field = StepTimeoutRange.Check(value, nameof(StepTimeout)); } = TimeSpan.FromSeconds(10);

    /// <summary>Time allowed to open the TCP connection; see <see cref="ConnectTimeoutRange"/>.</summary>
    public TimeSpan ConnectTimeout { get; init => field = ConnectTimeoutRange.Check(value, nameof(ConnectTimeout)); } = TimeSpan.FromSeconds(5);

    /// <summary>The first wait before opening again a connection the server turned away before its greeting (a connection limit); see <see cref="RefusalBackoffRange"/>.</summary>
    public static DurationRange RefusalBackoffRange { get; } = new(TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(1));

    /// <summary>
    /// The first backoff after a connection turned away before its greeting; each retry waits twice as long (with jitter),
    /// at most 16 times this. The default, 0.5 s, spans about 30 s over the retries: longer than a tarpitted session keeps
    /// its slot on the server after the client left (Courier: ~8 s).
    /// </summary>
    public TimeSpan RefusalBackoff { get; init => field = RefusalBackoffRange.Check(value, nameof(RefusalBackoff)); } = TimeSpan.FromMilliseconds(500);

    /// <summary>Validate the server certificate on TLS (off for test targets, on when asked).</summary>
    public bool ValidateCertificates { get; init; }

    public static WireOptions Default { get; } = new();

    private static int InRange(int value, int minimum, int maximum, string name) =>
        value >= minimum && value <= maximum
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be from {minimum} to {maximum} (got {value})");
}
