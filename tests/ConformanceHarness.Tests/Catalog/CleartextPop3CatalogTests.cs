using ConformanceHarness.Running;
using ConformanceHarness.Tests.Fakes;
using ConformanceHarness.Tests.Support;

namespace ConformanceHarness.Tests.Catalog;

/// <summary>
/// Issue 14 property 4: a POP3 server without STLS is graded by the whole catalog. On a fake that offers no STLS and
/// is otherwise correct, every POP3 scenario passes, except the cleartext findings (their own scenarios, Fail) and
/// the scenarios whose subject is STLS or an APOP secret the profile does not give (Skip). One wrong DELE fails.
/// </summary>
[Parallelizable(ParallelScope.Children)]
public sealed class CleartextPop3CatalogTests
{
    public static IEnumerable<TestCaseData> Pop3Scenarios() =>
        CatalogProofTests.Catalog.Value.Scenarios.Where(s => s.Protocol == "pop3").Select(s => new TestCaseData(s.Id));

    [TestCaseSource(nameof(Pop3Scenarios))]
    public async Task Scenario_OnCorrectFakeWithoutStls_IsGraded(string id)
    {
        var scenario = CatalogProofTests.Catalog.Value.Scenarios.Single(s => s.Id == id);
        await using var fake = Start(Pop3Fault.None);
        var result = await new ScenarioRunner(CatalogProofTests.Options).RunAsync(scenario, fake.Target, CancellationToken.None);
        var expected = id.StartsWith("pop3/security/cleartext-", StringComparison.Ordinal) ? Verdict.Fail
            : scenario.Requires.Contains("stls") || scenario.Requires.Contains(ScenarioRunner.ApopSecret) ? Verdict.Skip
            : Verdict.Pass;
        Assert.That(result.Verdict, Is.EqualTo(expected), InlineScenario.Explain(result));
    }

    [TestCase("pop3/rfc1939/6/dele-marks", Pop3Fault.DeletedStillServed)]
    [TestCase("pop3/rfc1939/6/drop-deletes-nothing", Pop3Fault.DeleExpunges)]
    [TestCase("pop3/rfc1939/3/states/authorization/stat", Pop3Fault.CommandsBeforeLoginAccepted)]
    public async Task Scenario_OnFakeWithoutStlsAndAWrongDele_Fails(string id, Pop3Fault fault)
    {
        var scenario = CatalogProofTests.Catalog.Value.Scenarios.Single(s => s.Id == id);
        await using var fake = Start(fault);
        var result = await new ScenarioRunner(CatalogProofTests.Options).RunAsync(scenario, fake.Target, CancellationToken.None);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Fail), InlineScenario.Explain(result));
    }

    [TestCase("pop3/rfc1939/7/user-pass-unknown-user")]
    [TestCase("pop3/rfc1939/7/user-pass-wrong-password")]
    [TestCase("pop3/security/failed-login-delay")]
    [TestCase("pop3/security/user-enumeration")]
    public async Task Scenario_OnFakeClosingAfterAFailedLogin_Passes(string id)
    {
        // popa3d: RFC 1939 §4 lets the server close after a negative response to an authentication command.
        var scenario = CatalogProofTests.Catalog.Value.Scenarios.Single(s => s.Id == id);
        await using var fake = FakeTarget.Start(pop3: FakePop3Options.Cleartext() with { AuthFailureDelay = TimeSpan.FromSeconds(1.5), CloseAfterFailedLogins = 1 });
        var result = await new ScenarioRunner(CatalogProofTests.Options).RunAsync(scenario, fake.Target, CancellationToken.None);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), InlineScenario.Explain(result));
    }

    /// <summary>No STLS, USER/PASS and SASL PLAIN in the clear, a failed login delayed, two messages already there.</summary>
    private static FakeTarget Start(Pop3Fault faults)
    {
        var fake = FakeTarget.Start(
            new FakeSmtpOptions { AddsTraceHeader = true },
            FakePop3Options.Cleartext(faults) with { AuthFailureDelay = TimeSpan.FromSeconds(1.5) });
        fake.Maildrop.Deliver("Subject: first\n\nhello\n");
        fake.Maildrop.Deliver("Subject: second\n\n.leading dot\nbye\n");
        return fake;
    }
}
