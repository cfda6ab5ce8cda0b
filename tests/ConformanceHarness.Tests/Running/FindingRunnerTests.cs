using ConformanceHarness.Delivery;
using ConformanceHarness.Running;
using ConformanceHarness.Scenarios;
using ConformanceHarness.Tests.Fakes;
using ConformanceHarness.Tests.Support;

namespace ConformanceHarness.Tests.Running;

/// <summary>FINDING (refused → Pass and stop; finding → graded, go on to confirm), CONFIRM, reply_code captures.</summary>
public sealed class FindingRunnerTests
{
    internal const string Relay = """
        S: 220
        C: EHLO client.example.test
        S: 250
        C: MAIL FROM:<a@{{foreign_domain}}>
        S: 250
        C: RCPT TO:<b@{{foreign_domain}}>
        S: 5xx | 45x FINDING 2xx: accepted for relay
        C: DATA
        S: 354
        C: Subject: {{token}}
        C:
        C: {{token}}
        C: .
        S: 250
        CONFIRM sink {{token}} within 2s show Subject: confirmed relay
        C: QUIT
        S: 221
        """;

    [Test]
    public async Task Refused_PassesAndStopsBeforeData()
    {
        await using var fake = FakeTarget.Start();
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp(Relay, Level.Security), fake.Target);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), InlineScenario.Explain(result));
        Assert.That((result.Finding, result.Line, result.Summary), Is.EqualTo(((string?)null, 7, "the rule held: 554 5.7.1 <b@relay-target.example.net>: Relay access denied")));
        Assert.That(result.RenderTranscript(), Does.Not.Contain("DATA"));
    }

    [Test]
    public async Task Relayed_IsAConfirmedFinding()
    {
        await using var fake = FakeTarget.Start(SmtpFault.OpenRelay);
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp(Relay, Level.Security), fake.Target);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Fail), InlineScenario.Explain(result));
        Assert.That((result.Finding, result.Confirmed, result.Line), Is.EqualTo(("accepted for relay", true, 7)));
        Assert.That(result.Summary, Does.StartWith("confirmed relay: accepted for relay (250 2.1.5 Ok)"));
        Assert.That(result.Notes, Has.Some.StartsWith("a recipient sees (sink copy): Subject: CH"));
        Assert.That(fake.Smtp.Sink.Messages, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task AcceptedButNothingArrives_IsAnUnconfirmedFinding()
    {
        await using var fake = FakeTarget.Start(new FakeSmtpOptions { ScriptedReplies = new Dictionary<string, string> { ["after-mail RCPT"] = "250 2.1.5 Ok" } });
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp(Relay, Level.Security), fake.Target);
        Assert.That((result.Verdict, result.Finding, result.Confirmed), Is.EqualTo((Verdict.Fail, "accepted for relay", false)), InlineScenario.Explain(result));
        Assert.That(result.Summary, Is.EqualTo("accepted for relay: 250 2.1.5 Ok"));

        // The scripted fake has no recipient, so DATA is refused: the finding stands and the problem is a note.
        Assert.That(result.Notes, Has.Some.Contains("after the finding"));
    }

    [Test]
    public async Task OnlyABounceArrives_IsNotedNotConfirmed()
    {
        await using var fake = FakeTarget.Start(SmtpFault.OpenRelay);
        fake.Target.Oracles["sink"] = new BounceOracle();
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp(Relay, Level.Security), fake.Target);
        Assert.That((result.Verdict, result.Confirmed), Is.EqualTo((Verdict.Fail, false)), InlineScenario.Explain(result));
        Assert.That(result.Notes, Has.Some.Contains("accepted, then bounced"));
    }

    [Test]
    public async Task NoOracle_NotesAndKeepsTheFinding()
    {
        await using var fake = FakeTarget.Start(SmtpFault.OpenRelay);
        fake.Target.Oracles.Remove("sink");
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp(Relay, Level.Security), fake.Target);
        Assert.That((result.Verdict, result.Confirmed), Is.EqualTo((Verdict.Fail, false)));
        Assert.That(result.Notes, Has.Some.Contains("no 'sink' delivery oracle"));
    }

    [Test]
    public async Task Finding_AtInfoLevel_IsInfo()
    {
        await using var fake = FakeTarget.Start(SmtpFault.OpenRelay);
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp(Relay, Level.Info), fake.Target);
        Assert.That((result.Verdict, result.Confirmed), Is.EqualTo((Verdict.Info, true)));
    }

    [Test]
    public async Task NeitherRefusedNorFinding_FailsAsAnyExpectation()
    {
        await using var fake = FakeTarget.Start(new FakeSmtpOptions { ScriptedReplies = new Dictionary<string, string> { ["after-mail RCPT"] = "354 what" } });
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp(Relay, Level.Security), fake.Target);
        Assert.That((result.Verdict, result.Finding), Is.EqualTo((Verdict.Fail, (string?)null)));
        Assert.That(result.Summary, Does.StartWith("expected 5xx | 45x FINDING"));
    }

    [Test]
    public async Task Live_421_IsInconclusive()
    {
        await using var fake = FakeTarget.Start(new FakeSmtpOptions { ScriptedReplies = new Dictionary<string, string> { ["after-mail RCPT"] = "421 4.7.0 try again later" } }, live: true);
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp(Relay, Level.Security), fake.Target);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Inconclusive), InlineScenario.Explain(result));
    }

    [Test]
    public async Task ReplyCode_IsCapturedForComparison()
    {
        await using var fake = FakeTarget.Start(SmtpFault.VrfyLeaksUsers);
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp("""
            S: 220
            C: EHLO c
            S: 250
            C: VRFY alice
            S: any
            SET real = {{reply_code}}
            C: VRFY nobody
            S: any
            ASSERT same {{real}} == {{reply_code}}
            """, Level.Security), fake.Target);
        Assert.That((result.Verdict, result.Summary), Is.EqualTo((Verdict.Fail, "check same failed: the replies differ (250 vs 550): the difference reveals which of the two exists")));
    }

    private sealed class BounceOracle : IDeliveryOracle
    {
        public Task<IReadOnlyList<DeliveredMessage>> WaitAsync(string token, int atLeast, TimeSpan within, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<DeliveredMessage>>([new DeliveredMessage("", ["a"], System.Text.Encoding.ASCII.GetBytes($"Content-Type: multipart/report; report-type=delivery-status; boundary=x\r\n\r\n--x\r\n\r\n{token}\r\n--x--\r\n"), DateTimeOffset.UtcNow)]);
    }
}
