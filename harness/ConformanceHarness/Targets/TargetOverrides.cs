namespace ConformanceHarness.Targets;

/// <summary>Test identities and settings given on the command line; they override the profile.</summary>
public sealed record TargetOverrides
{
    public string? Domain { get; init; }

    public string? User { get; init; }

    public string? Password { get; init; }

    /// <summary>The user's APOP shared secret (RFC 1939 §7); without one (here or in the profile) APOP is not tried.</summary>
    public string? ApopSecret { get; init; }

    /// <summary>For live: and process: targets, the role of the given port (smtp, submission, pop3, smtps, pop3s).</summary>
    public string? Role { get; init; }

    /// <summary>A profile file whose identity, features and ports are the base for live:/process: targets.</summary>
    public string? ProfileFile { get; init; }

    /// <summary>The repository root (holding harness/targets); found from the working directory when null.</summary>
    public string? RepositoryRoot { get; init; }

    public static TargetOverrides None { get; } = new();
}
