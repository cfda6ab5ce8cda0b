using ConformanceHarness.Running;
using ConformanceHarness.Tests.Fakes;

namespace ConformanceHarness.Tests.Catalog;

/// <summary>
/// Proofs for scenarios/smtp/senderauth/: the fake that checks SPF, DKIM and DMARC against the test zone (as
/// postfix-enforce and exim-enforce do) passes; the default fake (a default install: checks nothing, records nothing)
/// and one that records without refusing are the breakers.
/// </summary>
public static partial class CatalogProofs
{
    private static FakeSmtpOptions WithTestZone() => new() { Features = ["testdns"] };

    private static partial IEnumerable<(string Id, Proof Proof)> SenderAuthCatalog()
    {
        var enforcing = WithTestZone() with { SenderAuth = true };
        var recordOnly = WithTestZone() with { SenderAuthRecordOnly = true };
        Breaker Default(Verdict expected) => new("checks nothing (a default install, with the test zone)", () => FakeTarget.Start(WithTestZone()), expected);
        Breaker RecordsOnly() => new("records the results but refuses nothing", () => FakeTarget.Start(recordOnly), Verdict.Fail);
        Proof Enforcing(params Breaker[] breakers) => new(() => FakeTarget.Start(enforcing), breakers);

        yield return ("smtp/senderauth/spf/fail", Enforcing(Default(Verdict.Fail), RecordsOnly()));
        foreach (var recorded in new[] { "spf/softfail", "spf/pass", "dkim/valid", "dkim/altered", "dkim/none", "dmarc/aligned-dkim" })
        {
            yield return ($"smtp/senderauth/{recorded}", Enforcing(Default(Verdict.Warn)));
        }

        foreach (var refused in new[] { "dmarc/forged-from", "dmarc/altered-signature", "dmarc/unrelated-signer" })
        {
            yield return ($"smtp/senderauth/{refused}", Enforcing(Default(Verdict.Fail), RecordsOnly()));
        }

        var submission = new FakeSmtpOptions { OffersStartTls = true, AuthPlain = true, Features = ["testdns", "dkim-sign"] };
        yield return ("smtp/senderauth/outbound/dkim-signed", new(
            () => FakeTarget.Start(submission with { SignsRelayed = true }),
            [new("relays without signing", () => FakeTarget.Start(submission), Verdict.Warn)]));
    }
}
