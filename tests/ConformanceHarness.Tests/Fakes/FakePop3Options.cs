using ConformanceHarness.Targets;

namespace ConformanceHarness.Tests.Fakes;

/// <summary>How a <see cref="FakePop3Server"/> behaves: identity, STLS, whether USER/PASS work in cleartext, and the rules it breaks.</summary>
public sealed record FakePop3Options
{
    public Pop3Fault Faults { get; init; }

    public TestIdentity Identity { get; init; } = new();

    /// <summary>Advertise and implement STLS (RFC 2595 §4).</summary>
    public bool OffersStls { get; init; } = true;

    /// <summary>Accept USER/PASS before TLS. Off by default, like Dovecot's disable_plaintext_auth (RFC 2595 §2.1 allows refusing it).</summary>
    public bool PlaintextLogin { get; init; }

    /// <summary>
    /// Greet with an RFC 1939 §7 timestamp and accept APOP (off by default, like Dovecot without APOP passwords). The
    /// secret is <see cref="TestIdentity.ApopSecret"/>, else the password.
    /// </summary>
    public bool Apop { get; init; }

    /// <summary>How long QUIT in TRANSACTION keeps the maildrop locked before its +OK (the UPDATE state's work, RFC 1939 §6).</summary>
    public TimeSpan UpdateDuration { get; init; }

    /// <summary>Close the connection after this many failed logins (popa3d closes after one; RFC 1939 §4 allows it).</summary>
    public int? CloseAfterFailedLogins { get; init; }

    /// <summary>Only a wrong password of a real user waits <see cref="AuthFailureDelay"/>; unknown users are refused at once (Mailutils with PAM).</summary>
    public bool DelaysOnlyKnownUsers { get; init; }

    /// <summary>How long a failed login waits before its -ERR (Dovecot's auth_failure_delay; RFC 1939 §13).</summary>
    public TimeSpan AuthFailureDelay { get; init; }

    /// <summary>
    /// Close the connection after the -ERR of a failed login, as popa3d does: an allowed end of the attempt (RFC 1939 §4:
    /// "After returning a negative status indicator, the server may close the connection").
    /// </summary>
    public bool ClosesAfterFailedLogin { get; init; }

    /// <summary>
    /// Responses sent instead of the right one, keyed <c>"&lt;state&gt; &lt;VERB&gt;"</c>, e.g. <c>["authorization STAT"] = "+OK 0 0"</c>.
    /// States: authorization, transaction. The session state does not change.
    /// </summary>
    public IReadOnlyDictionary<string, string> ScriptedReplies { get; init; } = new Dictionary<string, string>();

    public bool Has(Pop3Fault fault) => (Faults & fault) != 0;

    /// <summary>A server without STLS that takes USER/PASS in the clear.</summary>
    public static FakePop3Options Cleartext(Pop3Fault faults = Pop3Fault.None) => new() { OffersStls = false, PlaintextLogin = true, Faults = faults };

    /// <summary>Close a connection before the greeting while this many sessions are open (a per-address connection limit). Null: no limit.</summary>
    public int? SessionLimit { get; init; }
}
