using ConformanceHarness.Running;
using ConformanceHarness.Scenarios;
using ConformanceHarness.Targets;
using ConformanceHarness.Tests.Fakes;
using ConformanceHarness.Tests.Support;

namespace ConformanceHarness.Tests.Running;

/// <summary>
/// A dialogue that stops early still ends its SMTP session with QUIT (RFC 5321 §3.8), after the result is made: a
/// server counting sessions per address (Courier's MAXPERIP) otherwise keeps the slot of a session closed without QUIT
/// for over a minute. Never inside message text, never after DROP, never on POP3 (QUIT commits deletions there).
/// </summary>
public sealed class SessionEndTests
{
    [Test]
    public async Task DialogueStoppedEarly_EndsTheSessionWithQuit_OutsideTheTranscript()
    {
        await using var fake = FakeTarget.Start();
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp(FindingRunnerTests.Relay, Level.Security), fake.Target);
        Assert.That((result.Verdict, result.Line), Is.EqualTo((Verdict.Pass, 7)), InlineScenario.Explain(result));
        Assert.That(Received(fake), Does.EndWith("RCPT TO:<b@relay-target.example.net>\r\nQUIT\r\n"));
        Assert.That(result.RenderTranscript(), Does.Not.Contain("QUIT"));
    }

    [Test]
    public async Task DialogueStoppedInsideMessageText_SendsNoQuit()
    {
        // A QUIT line there would be message text, not a command.
        await using var fake = FakeTarget.Start();
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp("""
            S: 220
            C: EHLO client.example.test
            S: 250
            C: MAIL FROM:<a@{{domain}}>
            S: 250
            C: RCPT TO:<{{user}}@{{domain}}>
            S: 250
            C: DATA
            S: 354
            C: Subject: unfinished
            S: 250
            """), fake.Target);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Fail), InlineScenario.Explain(result));
        Assert.That(Received(fake), Does.EndWith("Subject: unfinished\r\n"));
    }

    [Test]
    public async Task DialogueThatSaidQuit_SaysItOnce()
    {
        await using var fake = FakeTarget.Start(new FakeSmtpOptions { Faults = SmtpFault.QuitStaysOpen });
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp("""
            S: 220
            C: EHLO client.example.test
            S: 250
            C: QUIT
            S: 221
            """), fake.Target);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), InlineScenario.Explain(result));
        Assert.That(Received(fake).Split("QUIT").Length - 1, Is.EqualTo(1), Received(fake));
    }

    [Test]
    public async Task DroppedConnection_GetsNoQuit()
    {
        await using var fake = FakeTarget.Start();
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp("""
            S: 220
            C: EHLO client.example.test
            S: 250
            DROP
            """), fake.Target);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), InlineScenario.Explain(result));
        Assert.That(Received(fake), Does.Not.Contain("QUIT"));
    }

    [Test]
    public async Task Pop3SessionLeftOpen_GetsNoQuit()
    {
        // RFC 1939 §6: QUIT after a login enters the UPDATE state, which commits deletions: never said for the dialogue.
        await using var fake = FakeTarget.Start();
        var result = await InlineScenario.RunAsync(InlineScenario.Pop3("""
            S: +OK
            C: USER {{user}}
            S: +OK
            """), fake.Target);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Fail), InlineScenario.Explain(result));
        Assert.That(fake.Pop3.Connections[^1].ReceivedText, Does.Not.Contain("QUIT"));
    }

    /// <summary>The relay forms ask the relay form first: a refusing server draws one refused RCPT, not two (a tarpit pauses on each).</summary>
    [TestCase("percent-hack")]
    [TestCase("bang-path")]
    [TestCase("quoted-at-local")]
    public async Task RelayForm_RefusingServer_IsAskedNoCatchAllQuestion(string form)
    {
        await using var fake = FakeTarget.Start();
        var result = await InlineScenario.RunAsync(CatalogScenario($"smtp/relay/{form}"), fake.Target);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), InlineScenario.Explain(result));
        Assert.That(Received(fake), Does.Not.Contain("nouser-"));
        Assert.That(Received(fake).Split("RCPT TO:").Length - 1, Is.EqualTo(1), Received(fake));
    }

    [Test]
    public async Task RelayForm_CatchAll_IsAskedAfterTheAcceptedForm_AndExplainsIt()
    {
        await using var fake = FakeTarget.Start(new FakeSmtpOptions { CatchAllLocalRecipients = true, WithSink = true });
        var result = await InlineScenario.RunAsync(CatalogScenario("smtp/relay/percent-hack"), fake.Target, InlineScenario.Options(scenarioTimeout: TimeSpan.FromSeconds(40)));
        Assert.That((result.Verdict, result.Finding), Is.EqualTo((Verdict.Info, (string?)null)), InlineScenario.Explain(result));
        Assert.That(result.Summary, Does.EndWith("a catch-all, not shown to relay"));
        var received = Received(fake);
        Assert.That(received.IndexOf("nouser-", StringComparison.Ordinal), Is.GreaterThan(received.IndexOf("RCPT TO:<relay-test%", StringComparison.Ordinal)), received);
    }

    /// <summary>What the dialogue's connection received (the last one: a capability probe may come first).</summary>
    private static string Received(FakeTarget fake) => fake.Smtp.Connections[^1].ReceivedText;

    private static Scenario CatalogScenario(string id)
    {
        var root = Path.Combine(RepositoryLayout.FindRoot()!, "scenarios");
        return ScenarioLoader.LoadDirectory(root).Scenarios.Single(s => s.Id == id);
    }
}
