using ConformanceHarness.Targets;

namespace ConformanceHarness.Tests.Fakes;

/// <summary>How a <see cref="FakeSmtpServer"/> behaves: the identity it serves, STARTTLS, and the rules it breaks.</summary>
public sealed record FakeSmtpOptions
{
    public SmtpFault Faults { get; init; }

    public TestIdentity Identity { get; init; } = new();

    /// <summary>Advertise and implement STARTTLS (RFC 3207) with <see cref="FakeCertificate"/>.</summary>
    public bool OffersStartTls { get; init; }

    /// <summary>
    /// Replies sent instead of the right one, keyed <c>"&lt;state&gt; &lt;VERB&gt;"</c>, e.g. <c>["after-mail RSET"] = "502 5.5.1 no"</c>.
    /// States: before-ehlo, after-ehlo, after-mail, after-rcpt, during-data (a text line of the message that starts
    /// with the verb; the fake answers it and stays in DATA), after-data. The session state does not change.
    /// </summary>
    public IReadOnlyDictionary<string, string> ScriptedReplies { get; init; } = new Dictionary<string, string>();

    /// <summary>Advertise AUTH PLAIN inside TLS and accept the identity's user/password; an authenticated client may relay (to the sink).</summary>
    public bool AuthPlain { get; init; }

    /// <summary>With <see cref="AuthPlain"/>: advertise and accept AUTH before (or without) TLS, as a server without STARTTLS must.</summary>
    public bool AuthInTheClear { get; init; }

    /// <summary>Postfix's smtpd_error_sleep_time: each refusal of an unknown name after the first waits this long (a throttle).</summary>
    public TimeSpan UnknownNameDelay { get; init; }

    /// <summary>Postfix's smtpd_hard_error_limit: at this many refusals of unknown names, 421 and close instead.</summary>
    public int? UnknownNameLimit { get; init; }

    /// <summary>Accept every recipient of the local domain at RCPT (a catch-all: RCPT does not tell who exists).</summary>
    public bool CatchAllLocalRecipients { get; init; }

    /// <summary>Refuse MAIL FROM in the fake's own domain from an unauthenticated client (550 5.7.1).</summary>
    public bool RefusesUnauthenticatedLocalSender { get; init; }

    /// <summary>Refuse, at the end of DATA, a message whose From: domain is not the envelope sender's (550 5.7.1, DMARC-like).</summary>
    public bool RefusesHeaderFromMismatch { get; init; }

    /// <summary>Prepend its own Received: line to each accepted message (RFC 5321 §4.4). Off by default so tests can compare stored bytes.</summary>
    public bool AddsTraceHeader { get; init; }

    /// <summary>The target offers the <c>sink</c> oracle (what the fake relays). An open relay always has one: it is where relayed mail goes.</summary>
    public bool WithSink { get; init; }

    public bool HasSink => WithSink || AuthPlain || Has(SmtpFault.OpenRelay);

    /// <summary>The SIZE limit it advertises and enforces (RFC 1870): a larger declared or actual size is refused with 552.</summary>
    public long SizeLimit { get; init; } = 10240000;

    /// <summary>Advertise and implement CHUNKING / BDAT (RFC 3030).</summary>
    public bool Chunking { get; init; }

    /// <summary>Advertise SMTPUTF8 (RFC 6531) and accept the SMTPUTF8 MAIL parameter.</summary>
    public bool SmtpUtf8 { get; init; }

    /// <summary>The target's features (<c>requires:</c>), e.g. <c>testdns</c> for the sender-authentication scenarios.</summary>
    public IReadOnlyList<string> Features { get; init; } = [];

    /// <summary>
    /// Check SPF, DKIM and DMARC against the test zone (the domains of harness/targets/images/testdns, the run's DKIM key):
    /// refuse an SPF fail at RCPT (550 5.7.23) and a DMARC p=reject failure at the end of DATA (550 5.7.1), and record
    /// every result in Received-SPF and Authentication-Results, as postfix-enforce and exim-enforce do.
    /// </summary>
    public bool SenderAuth { get; init; }

    /// <summary>The results are recorded but nothing is refused (SENDER_AUTH on, SPF_REJECT and DMARC_REJECT off).</summary>
    public bool SenderAuthRecordOnly { get; init; }

    /// <summary>DKIM-sign what an authenticated client relays (to the sink) for the identity's domain with the run's key.</summary>
    public bool SignsRelayed { get; init; }

    public bool Has(SmtpFault fault) => (Faults & fault) != 0;

    /// <summary>Close a connection before the greeting while this many sessions are open (a per-address connection limit). Null: no limit.</summary>
    public int? SessionLimit { get; init; }

    /// <summary>Count <see cref="SessionLimit"/> per client address (Courier's MAXPERIP), not over all clients.</summary>
    public bool LimitPerAddress { get; init; }
}
