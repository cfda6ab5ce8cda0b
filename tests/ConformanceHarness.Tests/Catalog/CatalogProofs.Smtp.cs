using ConformanceHarness.Running;
using ConformanceHarness.Tests.Fakes;

namespace ConformanceHarness.Tests.Catalog;

/// <summary>Proofs for the SMTP conformance catalog (RFC 5321 and its extensions, STARTTLS, AUTH, submission, smuggling).</summary>
public static partial class CatalogProofs
{
    private const string Rfc5321 = "smtp/rfc5321";

    /// <remarks>Properties, not static fields: <see cref="ById"/> is built during static initialisation, before later fields are set.</remarks>
    private static FakeSmtpOptions Tls => new() { OffersStartTls = true };

    private static FakeSmtpOptions TlsAuth => new() { OffersStartTls = true, AuthPlain = true };

    private static FakeSmtpOptions Trace => new() { AddsTraceHeader = true };

    private static partial IEnumerable<(string Id, Proof Proof)> SmtpCatalog()
    {
        // Session and replies (RFC 5321 §2.4, §3, §4.1, §4.2, §4.3).
        yield return ($"{Rfc5321}/3.1/greeting-554", Correct(
            Scripted("before-ehlo EHLO", "500 5.5.2 who are you", Verdict.Warn),
            Breaking("554 greeting, then 250 to EHLO", new FakeSmtpOptions { Faults = SmtpFault.GreetingRefused, ScriptedReplies = Replies("before-ehlo EHLO", "250 mx.example.test") }, Verdict.Warn)));
        yield return ($"{Rfc5321}/4.1.1.1/ehlo-no-argument", Correct(Scripted("before-ehlo EHLO", "250 mx.example.test", Verdict.Fail)));
        yield return ($"{Rfc5321}/4.1.4/ehlo-resets-transaction", Correct(Fails(SmtpFault.EhloKeepsTransaction)));
        yield return ($"{Rfc5321}/2.4/case-insensitive", Correct(Fails(SmtpFault.CaseSensitiveCommands)));
        yield return ($"{Rfc5321}/4.1.2/mail-syntax", Correct(Scripted("after-ehlo MAIL", "250 2.1.0 Ok", Verdict.Fail)));
        yield return ($"{Rfc5321}/4.1.1.11/mail-unknown-parameter", Correct(Fails(SmtpFault.UnknownParametersIgnored)));
        yield return ($"{Rfc5321}/4.1.1.11/rcpt-unknown-parameter", Correct(Fails(SmtpFault.UnknownParametersIgnored)));
        yield return ($"{Rfc5321}/4.5.3.1.4/command-line-too-long", Correct(Fails(SmtpFault.CommandLineSplitAt512)));
        yield return ($"{Rfc5321}/3.5/vrfy-codes", Correct(Scripted("after-ehlo VRFY", "354 go ahead", Verdict.Fail)));
        yield return ($"{Rfc5321}/3.5/expn-codes", Correct(Scripted("after-ehlo EXPN", "220 ok", Verdict.Fail)));
        yield return ($"{Rfc5321}/4.1.1.8/help", Correct(Scripted("after-ehlo HELP", "502 5.5.1 HELP not implemented", Verdict.Warn), Scripted("after-ehlo HELP", "250 ok", Verdict.Warn)));

        // Mail transaction (§4.4, §4.5).
        yield return ($"{Rfc5321}/4.5.1/postmaster", Correct(Scripted("after-mail RCPT", "550 5.1.1 User unknown", Verdict.Fail)));
        yield return ($"{Rfc5321}/4.5.1/postmaster-no-domain", Correct(Scripted("after-mail RCPT", "501 5.1.3 address must contain a domain", Verdict.Fail)));
        yield return ($"{Rfc5321}/4.5.2/dot-transparency", Correct(Fails(SmtpFault.DotUnstuffingSkipped)));
        yield return ($"{Rfc5321}/4.5.2/dot-transparency-relayed", With(TlsAuth, Breaking("SmtpFault.DotUnstuffingSkipped", TlsAuth with { Faults = SmtpFault.DotUnstuffingSkipped }, Verdict.Fail)));
        yield return ($"{Rfc5321}/4.4/received-header", With(
            Trace,
            Breaking("adds no Received: line", new FakeSmtpOptions(), Verdict.Fail),
            Breaking("SmtpFault.TraceHeaderMisplaced", Trace with { Faults = SmtpFault.TraceHeaderMisplaced }, Verdict.Fail),
            Breaking("SmtpFault.TraceWithoutPeerLiteral (a SHOULD)", Trace with { Faults = SmtpFault.TraceWithoutPeerLiteral }, Verdict.Warn)));
        var tlsTrace = TlsAuth with { AddsTraceHeader = true };
        yield return ($"{Rfc5321}/4.4/received-header-relayed", With(
            tlsTrace,
            Breaking("adds no Received: line", TlsAuth, Verdict.Fail),
            Breaking("SmtpFault.TraceHeaderMisplaced", tlsTrace with { Faults = SmtpFault.TraceHeaderMisplaced }, Verdict.Fail),
            Breaking("SmtpFault.TraceWithoutPeerLiteral (a SHOULD)", tlsTrace with { Faults = SmtpFault.TraceWithoutPeerLiteral }, Verdict.Warn)));
        yield return ($"{Rfc5321}/4.5.3.1.6/text-line-998", Correct(Scripted("during-data LONGLINE", "500 5.5.2 line too long", Verdict.Fail)));

        // Extensions, each only when advertised.
        yield return ("smtp/rfc1870/size-declared", Correct(Scripted("after-ehlo MAIL", "250 2.1.0 Ok", Verdict.Fail)));
        var smallLimit = new FakeSmtpOptions { SizeLimit = 100000 };
        yield return ("smtp/rfc1870/size-actual", With(
            smallLimit,
            Breaking("SmtpFault.ActualSizeUnchecked", smallLimit with { Faults = SmtpFault.ActualSizeUnchecked }, Verdict.Fail),
            Breaking("SIZE 0: no fixed limit to exceed", smallLimit with { SizeLimit = 0 }, Verdict.Skip)));
        yield return ("smtp/rfc2920/pipelining", Correct(Fails(SmtpFault.PipelinedInputDiscarded)));
        yield return ("smtp/rfc2034/enhanced-status-codes", Correct(Fails(SmtpFault.NoEnhancedCodes), Scripted("after-ehlo NOOP", "250 5.0.0 Ok", Verdict.Fail)));
        yield return ("smtp/rfc6152/8bitmime", Correct(Scripted("after-ehlo MAIL", "555 5.5.4 Unsupported option: BODY=8BITMIME", Verdict.Fail)));
        var utf8 = new FakeSmtpOptions { SmtpUtf8 = true };
        yield return ("smtp/rfc6531/smtputf8", With(utf8, Breaking("MAIL … SMTPUTF8 refused", utf8 with { ScriptedReplies = Replies("after-ehlo MAIL", "555 5.5.4 Unsupported option: SMTPUTF8") }, Verdict.Fail)));
        var chunking = new FakeSmtpOptions { Chunking = true };
        yield return ("smtp/rfc3030/bdat", With(chunking, Breaking("BDAT refused after RCPT", chunking with { ScriptedReplies = Replies("after-rcpt BDAT", "502 5.5.1 BDAT not implemented") }, Verdict.Fail)));
        yield return ("smtp/rfc3030/bdat-before-rcpt", With(chunking, Breaking("BDAT accepted without a transaction", chunking with { ScriptedReplies = Replies("after-ehlo BDAT", "250 2.0.0 Ok") }, Verdict.Fail)));

        // STARTTLS (RFC 3207).
        yield return ("smtp/rfc3207/starttls", With(
            Tls,
            Breaking("STARTTLS advertised, then refused", Tls with { ScriptedReplies = Replies("after-ehlo STARTTLS", "454 4.7.0 TLS not available") }, Verdict.Fail),
            Breaking("STARTTLS offered again inside TLS", Tls with { ScriptedReplies = Replies("before-ehlo EHLO", "250-mx.example.test\r\n250 STARTTLS") }, Verdict.Fail)));
        yield return ("smtp/rfc3207/starttls-reset", With(Tls, Breaking("remembers the EHLO across TLS", Tls with { ScriptedReplies = Replies("before-ehlo MAIL", "250 2.1.0 Ok") }, Verdict.Warn)));
        yield return ("smtp/rfc3207/starttls-argument", With(Tls, Breaking("SmtpFault.StartTlsLenient", Tls with { Faults = SmtpFault.StartTlsLenient }, Verdict.Fail)));
        yield return ("smtp/rfc3207/starttls-twice", With(Tls, Breaking("SmtpFault.StartTlsLenient", Tls with { Faults = SmtpFault.StartTlsLenient }, Verdict.Fail)));
        yield return ("smtp/rfc3207/starttls-injection", With(Tls, Breaking("SmtpFault.StartTlsKeepsPlaintext", Tls with { Faults = SmtpFault.StartTlsKeepsPlaintext }, Verdict.Fail)));

        // AUTH (RFC 4954).
        yield return ("smtp/rfc4954/auth-cleartext", With(
            TlsAuth,
            Breaking("AUTH accepted before TLS", TlsAuth with { ScriptedReplies = Replies("after-ehlo AUTH", "235 2.7.0 Authentication successful") }, Verdict.Fail),
            Breaking("AUTH advertised before TLS", TlsAuth with { ScriptedReplies = Replies("before-ehlo EHLO", "250-mx.example.test\r\n250-STARTTLS\r\n250 AUTH PLAIN") }, Verdict.Fail)));
        yield return ("smtp/rfc4954/auth-wrong", With(TlsAuth, Breaking("wrong password accepted", TlsAuth with { ScriptedReplies = Replies("after-ehlo AUTH", "235 2.7.0 Authentication successful") }, Verdict.Fail)));
        yield return ("smtp/rfc4954/auth-cancel", With(TlsAuth, Breaking("SmtpFault.AuthSequenceIgnored", TlsAuth with { Faults = SmtpFault.AuthSequenceIgnored }, Verdict.Fail)));
        yield return ("smtp/rfc4954/auth-twice", With(TlsAuth, Breaking("SmtpFault.AuthSequenceIgnored", TlsAuth with { Faults = SmtpFault.AuthSequenceIgnored }, Verdict.Fail)));
        yield return ("smtp/rfc4954/auth-in-transaction", With(
            TlsAuth,
            Breaking("SmtpFault.AuthSequenceIgnored", TlsAuth with { Faults = SmtpFault.AuthSequenceIgnored }, Verdict.Fail),
            Breaking("AUTH in a transaction refused with 535", TlsAuth with { ScriptedReplies = Replies("after-mail AUTH", "535 5.7.8 no") }, Verdict.Warn)));
        yield return ("smtp/rfc4954/auth-right", With(TlsAuth, Breaking("right password refused", TlsAuth with { ScriptedReplies = Replies("after-ehlo AUTH", "535 5.7.8 Authentication credentials invalid") }, Verdict.Fail)));

        // Submission (RFC 6409).
        yield return ("smtp/rfc6409/unauthenticated", With(TlsAuth, Breaking("SmtpFault.OpenRelay", TlsAuth with { Faults = SmtpFault.OpenRelay }, Verdict.Fail)));
        yield return ("smtp/rfc6409/unauthenticated-after-tls", With(TlsAuth, Breaking("SmtpFault.OpenRelay", TlsAuth with { Faults = SmtpFault.OpenRelay }, Verdict.Fail)));
        yield return ("smtp/rfc6409/authenticated", With(TlsAuth, Breaking("SmtpFault.AuthenticatedRelayRefused", TlsAuth with { Faults = SmtpFault.AuthenticatedRelayRefused }, Verdict.Fail)));

        foreach (var cell in SmugglingTable())
        {
            yield return cell;
        }
    }

    /// <summary>scenarios/smtp/smuggling/end-of-data.table.yaml: each variant against a fake that ends DATA at it.</summary>
    private static IEnumerable<(string Id, Proof Proof)> SmugglingTable()
    {
        var variants = new Dictionary<string, SmtpFault>
        {
            ["lf-lf"] = SmtpFault.DataEndsAtBareLf,
            ["lf-crlf"] = SmtpFault.DataEndsAtBareLf,
            ["crlf-lf"] = SmtpFault.DataEndsAtBareLf,
            ["cr-cr"] = SmtpFault.DataEndsAtBareCr,
            ["cr-crlf"] = SmtpFault.DataEndsAtBareCr,
            ["crlf-cr"] = SmtpFault.DataEndsAtBareCr,
            ["lf-cr"] = SmtpFault.DataEndsAtBareCr,
            ["nul-before-dot"] = SmtpFault.DataStripsNul,
            ["nul-after-dot"] = SmtpFault.DataStripsNul,
        };
        foreach (var (variant, fault) in variants)
        {
            yield return ($"smtp/smuggling/end-of-data/mailbox/{variant}", Correct(Fails(fault)));
            yield return ($"smtp/smuggling/end-of-data/relayed/{variant}", With(TlsAuth, Breaking($"SmtpFault.{fault}", TlsAuth with { Faults = fault }, Verdict.Fail)));
        }
    }

    private static Proof With(FakeSmtpOptions correct, params Breaker[] breakers) => new(() => FakeTarget.Start(correct), breakers);

    private static Breaker Breaking(string name, FakeSmtpOptions options, Verdict expected) => new(name, () => FakeTarget.Start(options), expected);

    private static Dictionary<string, string> Replies(string key, string reply) => new() { [key] = reply };
}
