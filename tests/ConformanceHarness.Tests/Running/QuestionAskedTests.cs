using ConformanceHarness.Running;
using ConformanceHarness.Scenarios;
using ConformanceHarness.Tests.Fakes;
using ConformanceHarness.Tests.Support;

namespace ConformanceHarness.Tests.Running;

/// <summary>
/// A FINDING line is "the rule held" only when its question was put (issue 14, property 5): INCONCLUSIVE and HELD
/// branches on the steps before it, the 503 guard, and BENIGN (a catch-all explains an unconfirmed 250).
/// </summary>
public sealed class QuestionAskedTests
{
    private const string PercentHack = """
        S: 220
        C: EHLO client.example.test
        S: 250
        C: MAIL FROM:<a@{{foreign_domain}}>
        S: 250 INCONCLUSIVE 4xx | 5xx: the sender was refused, so the relay question was never asked
        C: RCPT TO:<{{random}}@{{domain}}>
        S: 5xx | 45x BENIGN 2xx: the server accepts any local part at {{domain}}: a catch-all, not shown to relay
        C: RSET
        S: 250
        C: MAIL FROM:<a@{{foreign_domain}}>
        S: 250 INCONCLUSIVE 4xx | 5xx: the sender was refused, so the relay question was never asked
        C: RCPT TO:<b%{{foreign_domain}}@{{domain}}>
        S: 5xx | 45x FINDING 2xx: accepted for relay
        C: DATA
        S: 354
        C: Subject: {{token}}
        C:
        C: {{token}}
        C: .
        S: 250
        CONFIRM sink {{token}} within 2s: confirmed relay
        C: QUIT
        S: 221
        """;

    private static readonly Dictionary<string, string> MailRefused = new() { ["after-ehlo MAIL"] = "550 5.7.1 sender refused" };

    [Test]
    public async Task MailFromRefused_IsInconclusiveNotPass()
    {
        await using var fake = FakeTarget.Start(new FakeSmtpOptions { ScriptedReplies = MailRefused });
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp(PercentHack, Level.Security), fake.Target);
        Assert.That((result.Verdict, result.Line, result.Summary), Is.EqualTo((Verdict.Inconclusive, 5, "the sender was refused, so the relay question was never asked: 550 5.7.1 sender refused")), InlineScenario.Explain(result));
        Assert.That(result.RenderTranscript(), Does.Not.Contain("RCPT"));
    }

    [Test]
    public async Task FindingAnswered503_WithoutAGuardedMail_IsInconclusive()
    {
        // The old relay dialogue: MAIL FROM accepted or refused alike, then RCPT; the refused MAIL makes RCPT a 503.
        await using var fake = FakeTarget.Start(new FakeSmtpOptions { ScriptedReplies = MailRefused });
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp("""
            S: 220
            C: EHLO client.example.test
            S: 250
            C: MAIL FROM:<a@{{foreign_domain}}>
            S: 250 | 5xx
            C: RCPT TO:<b@{{foreign_domain}}>
            S: 5xx | 45x FINDING 2xx: accepted for relay
            """, Level.Security), fake.Target);
        Assert.That((result.Verdict, result.Line), Is.EqualTo((Verdict.Inconclusive, 7)), InlineScenario.Explain(result));
        Assert.That(result.Summary, Does.StartWith("not asked: the server answered 503"));
    }

    [Test]
    public async Task RefusedRelay_AfterTheQuestionWasAsked_StillPasses()
    {
        await using var fake = FakeTarget.Start();
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp(PercentHack, Level.Security), fake.Target);
        Assert.That((result.Verdict, result.Line), Is.EqualTo((Verdict.Pass, 13)), InlineScenario.Explain(result));
    }

    [Test]
    public async Task CatchAll_UnconfirmedAcceptance_IsInfoNotARelay()
    {
        await using var fake = FakeTarget.Start(new FakeSmtpOptions { CatchAllLocalRecipients = true, WithSink = true });
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp(PercentHack, Level.Security), fake.Target);
        Assert.That((result.Verdict, result.Finding, result.Line), Is.EqualTo((Verdict.Info, (string?)null, 13)), InlineScenario.Explain(result));
        Assert.That(result.Summary, Is.EqualTo("accepted (250 2.1.5 Ok), but the server accepts any local part at example.test: a catch-all, not shown to relay"));
        Assert.That(result.Notes, Has.Some.Contains("not confirmed"));
    }

    [Test]
    public async Task CatchAll_ThatRelaysForReal_IsAConfirmedFinding()
    {
        await using var fake = FakeTarget.Start(new FakeSmtpOptions { CatchAllLocalRecipients = true, Faults = SmtpFault.OpenRelay });
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp(PercentHack, Level.Security), fake.Target);
        Assert.That((result.Verdict, result.Finding, result.Confirmed), Is.EqualTo((Verdict.Fail, "accepted for relay", true)), InlineScenario.Explain(result));
    }

    [Test]
    public async Task RandomLocalPartRefused_UnconfirmedAcceptance_IsAFinding()
    {
        await using var fake = FakeTarget.Start(SmtpFault.RelayAcceptedNotDelivered);
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp(PercentHack, Level.Security), fake.Target);
        Assert.That((result.Verdict, result.Finding, result.Confirmed), Is.EqualTo((Verdict.Fail, "accepted for relay", false)), InlineScenario.Explain(result));
    }

    [Test]
    public async Task Held_AtMail_PassesAndStops()
    {
        await using var fake = FakeTarget.Start(new FakeSmtpOptions { ScriptedReplies = new Dictionary<string, string> { ["after-ehlo MAIL"] = "530 5.7.0 Authentication required" } });
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp("""
            S: 220
            C: EHLO client.example.test
            S: 250
            C: MAIL FROM:<a@{{domain}}>
            S: 250 HELD 530: MAIL needs authentication INCONCLUSIVE 4xx | 5xx: the sender was refused
            C: RCPT TO:<b@{{foreign_domain}}>
            S: 5xx FINDING 2xx: accepted without authentication
            """, Level.Security), fake.Target);
        Assert.That((result.Verdict, result.Line, result.Summary), Is.EqualTo((Verdict.Pass, 5, "the rule held: MAIL needs authentication (530 5.7.0 Authentication required)")), InlineScenario.Explain(result));
    }

    [TestCase("S: 250 HELD 530: a INCONCLUSIVE 5xx: b", "530", "5xx")]
    [TestCase("S: 250 INCONCLUSIVE 5xx: b HELD 530: a", "530", "5xx")]
    public void Branches_ParseInAnyOrder(string line, string held, string inconclusive)
    {
        var expectation = ((ExpectStep)DialogueParser.Parse(line, 1).Single()).Expectation;
        Assert.That((expectation.Preferred.Single().Text, expectation.Held!.Patterns.Single().Text, expectation.Inconclusive!.Patterns.Single().Text), Is.EqualTo(("250", held, inconclusive)));
        Assert.That((expectation.Held.Description, expectation.Inconclusive.Description), Is.EqualTo(("a", "b")));
    }

    [TestCase("S: 250 INCONCLUSIVE 5xx: a INCONCLUSIVE 4xx: b", "only one INCONCLUSIVE")]
    [TestCase("S: 250 BENIGN any: a", "BENIGN any")]
    [TestCase("S: 250 HELD 530", "HELD needs reply patterns, a colon")]
    public void Branches_Malformed_NameTheLine(string line, string message)
    {
        var e = Assert.Throws<ScenarioFormatException>(() => DialogueParser.Parse(line, 4))!;
        Assert.That(e.Line, Is.EqualTo(4));
        Assert.That(e.Message, Does.Contain(message));
    }
}
