using ConformanceHarness.Targets;
using ConformanceHarness.Wire;

namespace ConformanceHarness.Probing;

/// <summary>What <c>probe HOST[:PORT]</c> may do to a live server it does not own.</summary>
public sealed record ProbeOptions
{
    /// <summary>The one host the probe talks to (besides <see cref="Pop3"/>, when the user names a mailbox of theirs).</summary>
    public required string Host { get; init; }

    public int Port { get; init; } = 25;

    /// <summary>The submission port, when the user asks for it (the authenticated-relay check); otherwise not contacted.</summary>
    public int? SubmissionPort { get; init; }

    /// <summary>The server's mail domain, for the enumeration baseline (<c>{{domain}}</c>).</summary>
    public string Domain { get; init; } = "example.net";

    /// <summary>A user known to exist on the server; postmaster must exist everywhere (RFC 5321 §4.5.1).</summary>
    public string User { get; init; } = "postmaster";

    /// <summary>The client name the probe gives in EHLO.</summary>
    public string ClientName { get; init; } = "probe.invalid";

    /// <summary>
    /// A recipient the user controls (<c>--confirm-to</c>). Without it no DATA is ever sent. With it, relay forms address
    /// this mailbox and DATA goes out only when every recipient of the transaction is this address.
    /// </summary>
    public string? ConfirmTo { get; init; }

    /// <summary>
    /// <c>--sender-auth</c>: also ask whether the server refuses mail forged in the <see cref="Domain"/>'s name (an envelope
    /// sender its SPF record excludes). Off by default: without it no forged sender is ever given. Even with it, DATA goes
    /// out only to <see cref="ConfirmTo"/> (the polite guard), so without --confirm-to no forged message is ever sent.
    /// </summary>
    public bool SenderAuth { get; init; }

    /// <summary>The user's own POP3 mailbox where <see cref="ConfirmTo"/> mail lands, checked for the relayed message.</summary>
    public RoleEndpoint? Pop3 { get; init; }

    public string? Pop3User { get; init; }

    public string? Pop3Password { get; init; }

    /// <summary>The polite delay and the confirmation wait: none at all up to an hour.</summary>
    public static DurationRange DelayRange { get; } = new(TimeSpan.Zero, TimeSpan.FromHours(1));

    /// <summary>Waited before every write, every connection and every scenario.</summary>
    public TimeSpan Delay { get; init => field = DelayRange.Check(value, nameof(Delay)); } = TimeSpan.FromSeconds(1);

    /// <summary>How long a greeting may take (greet_pause, tarpits): a step timeout, in <see cref="WireOptions.StepTimeoutRange"/>.</summary>
    public TimeSpan GreetingTimeout { get; init => field = WireOptions.StepTimeoutRange.Check(value, nameof(GreetingTimeout)); } = TimeSpan.FromSeconds(30);

    /// <summary>How long one reply may take, in <see cref="WireOptions.StepTimeoutRange"/>.</summary>
    public TimeSpan StepTimeout { get; init => field = WireOptions.StepTimeoutRange.Check(value, nameof(StepTimeout)); } = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait for a relayed message in the user's mailbox.</summary>
    public TimeSpan ConfirmWithin { get; init => field = DelayRange.Check(value, nameof(ConfirmWithin)); } = TimeSpan.FromSeconds(60);
}
