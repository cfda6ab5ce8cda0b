using ConformanceHarness.Running;
using ConformanceHarness.Tests.Fakes;
using ConformanceHarness.Tests.Support;

namespace ConformanceHarness.Tests.Catalog;

/// <summary>
/// Issue 14 property 7: the enumeration scenarios try many names in one session and say what the server did —
/// answered all, throttled (delays measured), or disconnected after N — and fail only where the real name is told apart.
/// </summary>
[Parallelizable(ParallelScope.Children)]
public sealed class EnumerationTests
{
    private const string Rcpt = "smtp/enumeration/rcpt";
    private const string Vrfy = "smtp/enumeration/vrfy";
    private const string Pop3 = "pop3/security/user-enumeration";

    [Test]
    public async Task Rcpt_CatchAll_AnswersAllWithoutThrottling()
    {
        var result = await RunAsync(Rcpt, FakeTarget.Start(new FakeSmtpOptions { CatchAllLocalRecipients = true }));
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), InlineScenario.Explain(result));
        Assert.That(result.Notes, Has.Some.Contains("answered all 11 names without throttling"));
    }

    [Test]
    public async Task Rcpt_Throttled_MeasuresTheDelaysAndStillSeesTheLeak()
    {
        var result = await RunAsync(Rcpt, FakeTarget.Start(new FakeSmtpOptions { UnknownNameDelay = TimeSpan.FromMilliseconds(1100) }), TimeSpan.FromSeconds(3));
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Info), InlineScenario.Explain(result));
        Assert.That(result.Notes, Has.Some.Match(@"throttled: answered all 11 names, delays 0\.\d\d, 1\.\d\d"));
    }

    [Test]
    public async Task Rcpt_DisconnectsAfterThree_IsReportedAsSuch()
    {
        var result = await RunAsync(Rcpt, FakeTarget.Start(new FakeSmtpOptions { UnknownNameLimit = 3 }));
        Assert.That(result.Notes, Has.Some.Contains("disconnected after 3 of 11 names"), InlineScenario.Explain(result));
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), InlineScenario.Explain(result));
    }

    [Test]
    public async Task Vrfy_LeakingAndThrottled_StillFails()
    {
        var result = await RunAsync(Vrfy, FakeTarget.Start(new FakeSmtpOptions { Faults = SmtpFault.VrfyLeaksUsers, UnknownNameDelay = TimeSpan.FromMilliseconds(1100) }), TimeSpan.FromSeconds(3));
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Fail), InlineScenario.Explain(result));
        Assert.That(result.Summary, Does.Contain("the real name is told apart (throttled"));
    }

    [Test]
    public async Task Pop3_SameRefusalForAll_Passes()
    {
        var result = await RunAsync(Pop3, FakeTarget.Start(pop3: new FakePop3Options()));
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), InlineScenario.Explain(result));
        Assert.That(result.Notes, Has.Some.Contains("answered all 4 names without throttling"));
    }

    [Test]
    public async Task Pop3_Throttled_PrintsTheDelays()
    {
        var result = await RunAsync(Pop3, FakeTarget.Start(pop3: new FakePop3Options { AuthFailureDelay = TimeSpan.FromMilliseconds(1100) }), TimeSpan.FromSeconds(3));
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), InlineScenario.Explain(result));
        Assert.That(result.Notes, Has.Some.Match(@"throttled: answered all 4 names, delays 1\.\d\d"));
    }

    [Test]
    public async Task Pop3_CloseAfterAFailedLogin_IsADefenceNotAFailure()
    {
        // popa3d: the connection ends after the first failed PASS (RFC 1939 §4 allows it).
        var result = await RunAsync(Pop3, FakeTarget.Start(pop3: new FakePop3Options { CloseAfterFailedLogins = 1 }));
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), InlineScenario.Explain(result));
        Assert.That(result.Notes, Has.Some.Contains("disconnected after 1 of 4 names"));
    }

    [Test]
    public async Task Pop3_OnlyTheRealUserIsDelayed_FailsByTiming()
    {
        // Mailutils with PAM: an unknown user is refused at once, the real user's wrong password after PAM's delay.
        var result = await RunAsync(Pop3, FakeTarget.Start(pop3: new FakePop3Options { AuthFailureDelay = TimeSpan.FromMilliseconds(1300), DelaysOnlyKnownUsers = true }), TimeSpan.FromSeconds(3));
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Fail), InlineScenario.Explain(result));
        Assert.That(result.Summary, Does.Contain("told apart by timing"));
    }

    [Test]
    public async Task Pop3_RevealsUnknownUser_Fails()
    {
        var result = await RunAsync(Pop3, FakeTarget.Start(Pop3Fault.RevealsUnknownUser));
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Fail), InlineScenario.Explain(result));
    }

    private static async Task<ScenarioResult> RunAsync(string id, FakeTarget fake, TimeSpan? stepTimeout = null)
    {
        await using (fake)
        {
            var scenario = CatalogProofTests.Catalog.Value.Scenarios.Single(s => s.Id == id);
            var options = InlineScenario.Options(stepTimeout: stepTimeout ?? TimeSpan.FromSeconds(2), scenarioTimeout: TimeSpan.FromSeconds(40));
            return await new ScenarioRunner(options).RunAsync(scenario, fake.Target, CancellationToken.None);
        }
    }
}
