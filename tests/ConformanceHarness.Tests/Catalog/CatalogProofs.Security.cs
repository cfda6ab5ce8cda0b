using ConformanceHarness.Running;
using ConformanceHarness.Tests.Fakes;

namespace ConformanceHarness.Tests.Catalog;

/// <summary>Proofs for the relay, forgery and enumeration catalog.</summary>
public static partial class CatalogProofs
{
    /// <summary>Every unauthenticated relay form under scenarios/smtp/relay/: refused by the correct fake, relayed by the open one.</summary>
    /// <remarks>A method, not a static field: <see cref="ById"/> is built during static initialisation, before later fields are set.</remarks>
    private static string[] RelayForms() =>
    [
        "plain", "null-sender", "sender-local-domain", "sender-hostname", "sender-ip-literal", "sender-upper-case-domain",
        "sender-trailing-dot", "sender-subdomain", "percent-hack", "percent-hack-ip-literal", "percent-hack-upper-case",
        "percent-hack-trailing-dot", "percent-hack-subdomain", "quoted-at", "quoted-percent", "quoted-at-local", "double-at",
        "source-route", "source-route-ip-literal", "bang-path", "bang-path-local", "bang-path-ip-literal", "recipient-ip-literal",
    ];

    /// <summary>
    /// The forms whose recipient is at the server's own domain (or unqualified): a catch-all accepts them without relaying,
    /// so these scenarios, once the form is accepted, try a random local part at the same domain (a BENIGN control).
    /// </summary>
    private static string[] LocalDomainForms() =>
    [
        "percent-hack", "percent-hack-ip-literal", "percent-hack-subdomain", "percent-hack-trailing-dot", "percent-hack-upper-case",
        "bang-path", "bang-path-local", "bang-path-ip-literal", "double-at", "quoted-at", "quoted-percent", "quoted-at-local",
    ];

    /// <summary>
    /// The forms the catch-all fake accepts at RCPT (any local part, %, ! and quoted @ included, at a domain it serves),
    /// where only the random local part it also accepts stops a false "open relay". It does not serve relay-test.DOMAIN,
    /// and reads "u@f" (no domain after the quotes) as a foreign domain, so those two forms are simply refused there.
    /// </summary>
    private static string[] CatchAllAccepts() => [.. LocalDomainForms().Except(["percent-hack-subdomain", "quoted-at"])];

    /// <summary>A server that refuses every MAIL FROM: the RCPT after it answers 503, which is no answer to the relay question.</summary>
    private static Dictionary<string, string> MailRefused() => new() { ["after-ehlo MAIL"] = "550 5.7.1 sender refused (scripted)" };

    private static partial IEnumerable<(string Id, Proof Proof)> SecurityCatalog()
    {
        foreach (var form in RelayForms())
        {
            yield return ($"smtp/relay/{form}", Correct(
                Fails(SmtpFault.OpenRelay),
                Fails(SmtpFault.RelayAcceptedNotDelivered),
                new("catch-all that also relays (confirmed at the sink)", () => FakeTarget.Start(new FakeSmtpOptions { Faults = SmtpFault.OpenRelay, CatchAllLocalRecipients = true }), Verdict.Fail),
                new("refuses MAIL FROM (the relay question is never asked)", () => FakeTarget.Start(new FakeSmtpOptions { ScriptedReplies = MailRefused() }), Verdict.Inconclusive),
                new("catch-all local domain, relays nothing", () => FakeTarget.Start(new FakeSmtpOptions { CatchAllLocalRecipients = true }), CatchAllAccepts().Contains(form) ? Verdict.Info : Verdict.Pass)));
        }

        var submission = new FakeSmtpOptions { OffersStartTls = true, AuthPlain = true };
        yield return ("smtp/relay/authenticated-submission", new(
            () => FakeTarget.Start(submission),
            [
                new("AuthenticatedRelayRefused", () => FakeTarget.Start(submission with { Faults = SmtpFault.AuthenticatedRelayRefused }), Verdict.Fail),
                new("refuses the test user's AUTH PLAIN", () => FakeTarget.Start(submission with { ScriptedReplies = new Dictionary<string, string> { ["after-ehlo AUTH"] = "535 5.7.8 Authentication credentials invalid" } }), Verdict.Fail),
            ]));

        yield return ("smtp/enumeration/vrfy", Correct(Fails(SmtpFault.VrfyLeaksUsers)));
        yield return ("smtp/enumeration/expn", Correct(Fails(SmtpFault.ExpnLeaksUsers)));
        yield return ("smtp/enumeration/rcpt", new(
            () => FakeTarget.Start(new FakeSmtpOptions { CatchAllLocalRecipients = true }),
            [
                new("refuses unknown users at RCPT (the default fake)", () => FakeTarget.Start(), Verdict.Info),
                new("a tarpit: no reply to an unknown name within the step timeout (throttled, held)", () => FakeTarget.Start(new FakeSmtpOptions { UnknownNameDelay = TimeSpan.FromSeconds(3) }), Verdict.Pass),
            ]));

        yield return ("smtp/forgery/local-sender", new(
            () => FakeTarget.Start(new FakeSmtpOptions { RefusesUnauthenticatedLocalSender = true }),
            [new("accepts its own domain as sender (the default fake)", () => FakeTarget.Start(), Verdict.Info)]));
        yield return ("smtp/forgery/header-from", new(
            () => FakeTarget.Start(new FakeSmtpOptions { RefusesHeaderFromMismatch = true }),
            [new("accepts any From: (the default fake)", () => FakeTarget.Start(), Verdict.Info)]));
        yield return ("smtp/forgery/forged-received", new(
            () => FakeTarget.Start(new FakeSmtpOptions { AddsTraceHeader = true }),
            [new("adds no Received: line of its own (the default fake)", () => FakeTarget.Start(), Verdict.Fail)]));
    }
}
