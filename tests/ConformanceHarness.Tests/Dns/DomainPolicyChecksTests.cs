using ConformanceHarness.Dns;
using ConformanceHarness.Running;

namespace ConformanceHarness.Tests.Dns;

/// <summary>
/// Every SPF, DMARC and MTA-STS check shown both ways against the dnsmasq zones: a domain where it passes and one where
/// it fails (or warns, for a SHOULD).
/// </summary>
[Category("Dns")]
public sealed class DomainPolicyChecksTests
{
    private static async Task<ScenarioResult> CheckAsync(string domain, string id)
    {
        var checks = new DomainPolicyChecks((await TestDns.ServerAsync()).Settings);
        var results = await checks.CheckAsync(domain);
        return results.Single(r => r.ScenarioId == id);
    }

    [TestCase("good.example.test", DnsChecks.SpfPresent, Verdict.Pass)]
    [TestCase("nospf.example.test", DnsChecks.SpfPresent, Verdict.Warn)]
    [TestCase("good.example.test", DnsChecks.SpfSingleRecord, Verdict.Pass)]
    [TestCase("spf-two.example.test", DnsChecks.SpfSingleRecord, Verdict.Fail)]
    [TestCase("nospf.example.test", DnsChecks.SpfSingleRecord, Verdict.Skip)]
    [TestCase("good.example.test", DnsChecks.SpfSyntax, Verdict.Pass)]
    [TestCase("spf-split.example.test", DnsChecks.SpfSyntax, Verdict.Pass)]
    [TestCase("spf-syntax.example.test", DnsChecks.SpfSyntax, Verdict.Fail)]
    [TestCase("good.example.test", DnsChecks.SpfAllQualifier, Verdict.Pass)]
    [TestCase("spf-softall.example.test", DnsChecks.SpfAllQualifier, Verdict.Pass)]
    [TestCase("spf-redirect.example.test", DnsChecks.SpfAllQualifier, Verdict.Pass)]
    [TestCase("spf-plusall.example.test", DnsChecks.SpfAllQualifier, Verdict.Fail)]
    [TestCase("spf-bareall.example.test", DnsChecks.SpfAllQualifier, Verdict.Fail)]
    [TestCase("spf-neutral.example.test", DnsChecks.SpfAllQualifier, Verdict.Warn)]
    [TestCase("spf-noall.example.test", DnsChecks.SpfAllQualifier, Verdict.Warn)]
    [TestCase("spf-redirect-missing.example.test", DnsChecks.SpfAllQualifier, Verdict.Warn)]
    [TestCase("good.example.test", DnsChecks.SpfLookupLimit, Verdict.Pass)]
    [TestCase("spf-ten.example.test", DnsChecks.SpfLookupLimit, Verdict.Pass)]
    [TestCase("spf-many.example.test", DnsChecks.SpfLookupLimit, Verdict.Fail)]
    [TestCase("spf-loop.example.test", DnsChecks.SpfLookupLimit, Verdict.Fail)]
    [TestCase("spf-mx11.example.test", DnsChecks.SpfLookupLimit, Verdict.Fail)]
    [TestCase("good.example.test", DnsChecks.SpfVoidLookups, Verdict.Pass)]
    [TestCase("spf-void.example.test", DnsChecks.SpfVoidLookups, Verdict.Warn)]
    [TestCase("good.example.test", DnsChecks.SpfIncludeTargets, Verdict.Pass)]
    [TestCase("spf-redirect.example.test", DnsChecks.SpfIncludeTargets, Verdict.Pass)]
    [TestCase("spf-include-missing.example.test", DnsChecks.SpfIncludeTargets, Verdict.Fail)]
    [TestCase("spf-redirect-missing.example.test", DnsChecks.SpfIncludeTargets, Verdict.Fail)]
    [TestCase("spf-softall.example.test", DnsChecks.SpfIncludeTargets, Verdict.Skip)]
    [TestCase("good.example.test", DnsChecks.SpfPtr, Verdict.Pass)]
    [TestCase("spf-ptr.example.test", DnsChecks.SpfPtr, Verdict.Warn)]
    [TestCase("good.example.test", DnsChecks.DmarcPresent, Verdict.Pass)]
    [TestCase("nodmarc.example.test", DnsChecks.DmarcPresent, Verdict.Warn)]
    [TestCase("dmarc-order.example.test", DnsChecks.DmarcPresent, Verdict.Warn)]
    [TestCase("good.example.test", DnsChecks.DmarcSingleRecord, Verdict.Pass)]
    [TestCase("dmarc-two.example.test", DnsChecks.DmarcSingleRecord, Verdict.Fail)]
    [TestCase("good.example.test", DnsChecks.DmarcSyntax, Verdict.Pass)]
    [TestCase("dmarc-syntax.example.test", DnsChecks.DmarcSyntax, Verdict.Fail)]
    [TestCase("dmarc-order.example.test", DnsChecks.DmarcSyntax, Verdict.Fail)]
    [TestCase("good.example.test", DnsChecks.DmarcPolicy, Verdict.Pass)]
    [TestCase("dmarc-quarantine.example.test", DnsChecks.DmarcPolicy, Verdict.Pass)]
    [TestCase("dmarc-none.example.test", DnsChecks.DmarcPolicy, Verdict.Warn)]
    [TestCase("dmarc-nop.example.test", DnsChecks.DmarcPolicy, Verdict.Fail)]
    [TestCase("dmarc-badpolicy.example.test", DnsChecks.DmarcPolicy, Verdict.Fail)]
    [TestCase("good.example.test", DnsChecks.DmarcReportUris, Verdict.Pass)]
    [TestCase("dmarc-baduri.example.test", DnsChecks.DmarcReportUris, Verdict.Fail)]
    [TestCase("dmarc-https.example.test", DnsChecks.DmarcReportUris, Verdict.Warn)]
    [TestCase("dmarc-quarantine.example.test", DnsChecks.DmarcReportUris, Verdict.Info)]
    [TestCase("good.example.test", DnsChecks.DmarcExternalDestinations, Verdict.Pass)]
    [TestCase("dmarc-external.example.test", DnsChecks.DmarcExternalDestinations, Verdict.Warn)]
    [TestCase("dmarc-none.example.test", DnsChecks.DmarcExternalDestinations, Verdict.Skip)]
    [TestCase("good.example.test", DnsChecks.MtaStsSingleRecord, Verdict.Pass)]
    [TestCase("sts-two.example.test", DnsChecks.MtaStsSingleRecord, Verdict.Fail)]
    [TestCase("nodmarc.example.test", DnsChecks.MtaStsSingleRecord, Verdict.Info)]
    [TestCase("good.example.test", DnsChecks.MtaStsSyntax, Verdict.Pass)]
    [TestCase("sts-bad.example.test", DnsChecks.MtaStsSyntax, Verdict.Fail)]
    [TestCase("sts-noid.example.test", DnsChecks.MtaStsSyntax, Verdict.Fail)]
    [TestCase("nodmarc.example.test", DnsChecks.MtaStsSyntax, Verdict.Skip)]
    public async Task Check_Zone_Verdict(string domain, string id, Verdict expected)
    {
        var result = await CheckAsync(domain, id);

        Assert.That(result.Verdict, Is.EqualTo(expected), $"{id} on {domain}: {result.Summary}\nexpected: {result.Expected}\nseen:\n{result.Actual}\nnotes: {string.Join(" | ", result.Notes)}");
        Assert.That(result.Target, Is.EqualTo(domain));
    }

    [Test]
    public async Task CheckAsync_AnyDomain_GivesOneResultPerPolicyCheckInCatalogOrder()
    {
        var results = await new DomainPolicyChecks((await TestDns.ServerAsync()).Settings).CheckAsync(TestZones.Good);
        var policyIds = DnsChecks.All.Select(s => s.Id).Where(id => id.StartsWith("dns/rfc7208", StringComparison.Ordinal) || id.StartsWith("dns/rfc7489", StringComparison.Ordinal) || id.StartsWith("dns/rfc8461", StringComparison.Ordinal));

        Assert.That(results.Select(r => r.ScenarioId), Is.EqualTo(policyIds));
        Assert.That(results.Select(r => r.Verdict), Is.All.EqualTo(Verdict.Pass), string.Join("\n", results.Select(r => $"{r.ScenarioId}: {r.Verdict} {r.Summary}")));
    }

    [Test]
    public async Task SpfSingleRecord_TwoRecords_ShowsBothAndSkipsTheRest()
    {
        var results = await new DomainPolicyChecks((await TestDns.ServerAsync()).Settings).CheckSpfAsync("spf-two.example.test");
        var single = results.Single(r => r.ScenarioId == DnsChecks.SpfSingleRecord);

        Assert.That(single.Summary, Does.Contain("2 SPF records").And.Contain("permerror"));
        Assert.That(single.Actual, Does.Contain("\"v=spf1 -all\"").And.Contain("\"v=spf1 mx -all\""));
        Assert.That(results.Where(r => r.ScenarioId is DnsChecks.SpfSyntax or DnsChecks.SpfLookupLimit).Select(r => r.Verdict), Is.All.EqualTo(Verdict.Skip));
    }

    [Test]
    public async Task SpfPresent_OtherTxtRecords_AreIgnoredAndCounted()
    {
        var result = await CheckAsync(TestZones.Good, DnsChecks.SpfPresent);

        Assert.That(result.Actual, Does.Contain("1 other TXT record(s)"));
        Assert.That(result.Actual, Does.Not.Contain("site-verification"));
    }

    [Test]
    public async Task SpfSyntax_SplitStrings_AreJoinedWithNothingBetween()
    {
        var result = await CheckAsync("spf-split.example.test", DnsChecks.SpfSyntax);

        Assert.That(result.Actual, Does.Contain("\"v=spf1 ip4:127.0.0.1 -all\""));
    }

    [Test]
    public async Task SpfSyntax_BrokenTerms_NamesEveryOne()
    {
        var result = await CheckAsync("spf-syntax.example.test", DnsChecks.SpfSyntax);

        Assert.That(result.Notes, Has.Count.EqualTo(4));
        Assert.That(result.Notes, Has.Some.Contains("300.1.1.1"));
        Assert.That(result.Notes, Has.Some.Contains("'foo' is not an SPF mechanism"));
        Assert.That(result.Notes, Has.Some.Contains("/40"));
        Assert.That(result.Notes, Has.Some.Contains("nodot"));
    }

    [Test]
    public async Task SpfLookupLimit_TooManyThroughIncludes_CountsThemRecursively()
    {
        var result = await CheckAsync("spf-many.example.test", DnsChecks.SpfLookupLimit);

        Assert.That(result.Summary, Does.Contain("more than 10").And.Contain("11th"));
        Assert.That(result.Actual, Does.Contain("TXT i3.spf-many.example.test"));
        Assert.That(result.Notes.Single(), Does.Contain("include:i4.spf-many.example.test (in spf-many.example.test)"));
    }

    [Test]
    public async Task SpfLookupLimit_ExactlyTen_PassesAndSaysSo()
    {
        var result = await CheckAsync("spf-ten.example.test", DnsChecks.SpfLookupLimit);

        Assert.That(result.Summary, Does.Contain("uses 10 of the 10"));
    }

    [Test]
    public async Task SpfLookupLimit_IncludeLoop_NamesTheLoop()
    {
        var result = await CheckAsync("spf-loop.example.test", DnsChecks.SpfLookupLimit);

        Assert.That(result.Summary, Does.Contain("spf-loop.example.test → loop2.spf-loop.example.test → spf-loop.example.test"));
    }

    [Test]
    public async Task SpfLookupLimit_MxWithElevenRecords_SaysTheMxLimit()
    {
        var result = await CheckAsync("spf-mx11.example.test", DnsChecks.SpfLookupLimit);

        Assert.That(result.Summary, Does.Contain("has 11 MX records").And.Contain("allows looking at 10"));
    }

    [Test]
    public async Task SpfVoidLookups_ThreeEmptyNames_ListsThem()
    {
        var result = await CheckAsync("spf-void.example.test", DnsChecks.SpfVoidLookups);

        Assert.That(result.Notes, Has.Count.EqualTo(3));
        Assert.That(result.Summary, Does.Contain("3 of the policy's lookups"));
    }

    [Test]
    public async Task SpfAllQualifier_PlusAll_IsASecurityFindingNamingTheTerm()
    {
        var result = await CheckAsync("spf-plusall.example.test", DnsChecks.SpfAllQualifier);

        Assert.That(result.Summary, Does.Contain("'+all'").And.Contain("every host"));
        Assert.That(DnsChecks.Describe(result.ScenarioId)!.Level, Is.EqualTo(ConformanceHarness.Scenarios.Level.Security));
    }

    [Test]
    public async Task SpfAllQualifier_ThroughRedirect_SaysWhereTheAllWasFound()
    {
        var result = await CheckAsync("spf-redirect.example.test", DnsChecks.SpfAllQualifier);

        Assert.That(result.Summary, Does.Contain("'~all'").And.Contain("redirect= in _spf.good.example.test"));
    }

    [Test]
    public async Task DmarcPolicy_PNone_SaysMonitoringOnly()
    {
        var result = await CheckAsync("dmarc-none.example.test", DnsChecks.DmarcPolicy);

        Assert.That(result.Summary, Does.Contain("p=none").And.Contain("monitoring only"));
        Assert.That(result.Actual, Does.Contain("TXT _dmarc.dmarc-none.example.test: \"v=DMARC1; p=none;"));
    }

    [Test]
    public async Task DmarcPresent_Missing_ShowsTheNxdomain()
    {
        var result = await CheckAsync(TestZones.NoDmarc, DnsChecks.DmarcPresent);

        Assert.That(result.Actual, Does.Contain("TXT _dmarc.nodmarc.example.test: NXDOMAIN"));
    }

    [Test]
    public async Task DmarcSyntax_VersionNotFirst_SaysReceiversDiscardIt()
    {
        var result = await CheckAsync("dmarc-order.example.test", DnsChecks.DmarcSyntax);

        Assert.That(result.Summary, Does.Contain("not the first tag"));
    }

    [Test]
    public async Task DmarcReportUris_RuaWithCommaAndSize_ParsesEveryUri()
    {
        var result = await CheckAsync(TestZones.Good, DnsChecks.DmarcReportUris);

        Assert.That(result.Summary, Does.Contain("3 report URI(s)"));
    }

    [Test]
    public async Task DmarcExternalDestinations_Authorized_ShowsTheVerificationRecord()
    {
        var result = await CheckAsync(TestZones.Good, DnsChecks.DmarcExternalDestinations);

        Assert.That(result.Actual, Does.Contain("TXT good.example.test._report._dmarc.reports.example.test: \"v=DMARC1\""));
    }

    [Test]
    public async Task MtaStsSyntax_BadId_NamesTheField()
    {
        var result = await CheckAsync("sts-bad.example.test", DnsChecks.MtaStsSyntax);

        Assert.That(result.Summary, Does.Contain("id=not-valid!"));
    }

    [Test]
    public async Task CheckAsync_ResolverFails_EveryCheckIsInconclusive()
    {
        using var stub = UdpDnsStub.ServerFailure();
        var results = await new DomainPolicyChecks(stub.Settings(TimeSpan.FromSeconds(2))).CheckAsync(TestZones.Good);

        Assert.That(results, Has.Count.EqualTo(16));
        Assert.That(results.Select(r => r.Verdict), Is.All.EqualTo(Verdict.Inconclusive));
        Assert.That(results[0].Summary, Does.Contain("SERVFAIL"));
    }

    [Test]
    public async Task CheckAsync_ResolverSilent_EveryCheckIsInconclusiveNotAnException()
    {
        using var stub = UdpDnsStub.Silent();
        var results = await new DomainPolicyChecks(stub.Settings(TimeSpan.FromMilliseconds(300))).CheckAsync(TestZones.Good);

        Assert.That(results.Select(r => r.Verdict), Is.All.EqualTo(Verdict.Inconclusive));
        Assert.That(results[0].Summary, Does.Contain("no answer"));
    }
}
