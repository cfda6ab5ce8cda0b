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

    public bool Has(SmtpFault fault) => (Faults & fault) != 0;
}
