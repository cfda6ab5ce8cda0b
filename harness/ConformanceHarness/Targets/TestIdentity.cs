namespace ConformanceHarness.Targets;

/// <summary>The names and credentials a dialogue uses on a target (profile variables).</summary>
public sealed record TestIdentity
{
    /// <summary>The target's local mail domain.</summary>
    public string Domain { get; init; } = "example.test";

    /// <summary>The server's own host name.</summary>
    public string Hostname { get; init; } = "mx.example.test";

    /// <summary>A real mailbox user on the target.</summary>
    public string User { get; init; } = "alice";

    public string Password { get; init; } = "wonderland";

    /// <summary>
    /// The user's APOP shared secret (RFC 1939 §7), or null when the harness knows none: the APOP scenarios then skip.
    /// Profile <c>identity: apop_secret:</c>, or <c>--apop-secret</c>.
    /// </summary>
    public string? ApopSecret { get; init; }

    /// <summary>A domain the target must not relay to (reserved, never resolvable outside).</summary>
    public string ForeignDomain { get; init; } = "relay-target.example.net";

    /// <summary>The name the harness gives itself in EHLO/HELO.</summary>
    public string ClientName { get; init; } = "client.example.test";

    /// <summary>
    /// How a delivered message can be read back: <c>pop3</c> (the target's pop3 role), <c>mbox</c> (the file
    /// /var/mail/USER inside the target's container; <c>mbox:/path</c> for another file) or <c>none</c>.
    /// </summary>
    public string Mailbox { get; init; } = "none";

    /// <summary>The server's own address as an IP literal's content (for <c>[IP]</c> relay forms); empty means the connected address.</summary>
    public string ServerIp { get; init; } = string.Empty;
}
