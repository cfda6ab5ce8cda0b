using System.Text;
using ConformanceHarness.Running;
using ConformanceHarness.Tests.Fakes;
using ConformanceHarness.Tests.Support;
using ConformanceHarness.Wire;

namespace ConformanceHarness.Tests.Running;

/// <summary>The steps other than S: — sends, pipelining, TLS, close, silence, pauses, connections, variables, the oracle.</summary>
[Parallelizable(ParallelScope.Children)]
public sealed class DialogueStepTests
{
    /// <summary>Timers may fire a millisecond or two early; durations are checked with this much slack.</summary>
    private static readonly TimeSpan TimerSlack = TimeSpan.FromMilliseconds(20);

    [Test]
    public async Task Send_ConsecutiveLines_GoOutInOneWrite()
    {
        const string dialogue = """
            S: 220
            C: EHLO client.example.test
            S: 250
            C: MAIL FROM:<alice@example.test>
            C: RCPT TO:<alice@example.test>
            C: DATA
            S: 250
            S: 250
            S: 354
            """;
        await using var fake = FakeTarget.Start();
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp(dialogue), fake.Target);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), InlineScenario.Explain(result));

        var pipelined = "MAIL FROM:<alice@example.test>\r\nRCPT TO:<alice@example.test>\r\nDATA\r\n";
        var sends = result.Transcript.Where(e => e.Direction == TranscriptDirection.Client).Select(e => Encoding.ASCII.GetString(e.Bytes));
        Assert.That(sends, Is.EqualTo(new[] { "EHLO client.example.test\r\n", pipelined }));
        Assert.That(fake.Smtp.Connections[0].Chunks.Select(c => Encoding.ASCII.GetString(c)), Does.Contain(pipelined));
    }

    [Test]
    public async Task Fill_SendsAtLeastThatManyOctetsOfText_AndTheTranscriptOnlySaysHowMany()
    {
        const string dialogue = """
            S: 220
            C: EHLO client.example.test
            S: 250 /(?m)^SIZE (?<limit>[0-9]+)$/
            C: MAIL FROM:<alice@example.test>
            S: 250
            C: RCPT TO:<alice@example.test>
            S: 250
            C: DATA
            S: 354
            C: Subject: fill
            C:
            FILL {{limit}} - 99900 + 1
            C: .
            S: 250
            """;
        await using var fake = FakeTarget.Start(new FakeSmtpOptions { SizeLimit = 100000 });
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp(dialogue), fake.Target);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), InlineScenario.Explain(result));

        // 101 octets asked for: two 78-octet lines, after "Subject: fill" and the blank line.
        var stored = fake.Smtp.Accepted.Single().Text;
        Assert.That(stored, Does.EndWith("\r\n\r\nFILL-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJKLMNOPQRSTUVWXYZ-012345\r\nFILL-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJKLMNOPQRSTUVWXYZ-012345\r\n"));
        Assert.That(result.Transcript.Any(e => e.Direction == TranscriptDirection.Note && Encoding.UTF8.GetString(e.Bytes).Contains("FILL: sending 2 line(s) of 78 octets", StringComparison.Ordinal)));
        Assert.That(result.Transcript.Where(e => e.Direction == TranscriptDirection.Client).Sum(e => e.Bytes.Length), Is.LessThan(120));
    }

    [TestCase("FILL lots")]
    [TestCase("FILL 999999999999")]
    public async Task Fill_WithoutAUsableNumber_IsAScenarioError(string fill)
    {
        await using var fake = FakeTarget.Start();
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp($"S: 220\n{fill}\nS: 250"), fake.Target);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Error), InlineScenario.Explain(result));
        Assert.That(result.Summary, Does.Contain("FILL needs a number of octets"));
    }

    [Test]
    public async Task Send_PauseBetweenLines_SplitsTheWrite()
    {
        await using var fake = FakeTarget.Start();
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp("S: 220\nC: NOOP\nPAUSE 200ms\nC: NOOP\nS: 250\nS: 250"), fake.Target);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), InlineScenario.Explain(result));
        Assert.That(result.Transcript.Count(e => e.Direction == TranscriptDirection.Client), Is.EqualTo(2));
        Assert.That(result.Duration, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(200) - TimerSlack));
    }

    [Test]
    public async Task Raw_EscapesAndVariables_SendExactBytes()
    {
        await using var fake = FakeTarget.Start();
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp(@"S: 220
RAW: NOOP {{user}}\r\nNOOP \x41\t\\\r\n
S: 250
S: 250"), fake.Target);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), InlineScenario.Explain(result));
        // The dialogue's bytes exactly, then the QUIT that ends the session it left open (SessionEnd).
        Assert.That(fake.Smtp.Connections[0].ReceivedText, Is.EqualTo("NOOP alice\r\nNOOP A\t\\\r\nQUIT\r\n"));
    }

    [Test]
    public async Task ExpectClose_ServerClosesAfterQuit_Passes()
    {
        await using var fake = FakeTarget.Start();
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp("S: 220\nC: QUIT\nS: 221\nEXPECT-CLOSE"), fake.Target);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), InlineScenario.Explain(result));
    }

    [Test]
    public async Task ExpectClose_ServerStaysOpen_FailsAfterTheStepTimeout()
    {
        await using var fake = FakeTarget.Start(SmtpFault.QuitStaysOpen);
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp("S: 220\nC: QUIT\nS: 221\nTIMEOUT 300ms\nEXPECT-CLOSE"), fake.Target);
        Assert.That((result.Verdict, result.Line, result.Actual), Is.EqualTo((Verdict.Fail, 5, "still open")), InlineScenario.Explain(result));
        Assert.That(result.Duration, Is.LessThan(TimeSpan.FromSeconds(2)));
    }

    [Test]
    public async Task ExpectClose_ServerSendsMoreBeforeClosing_Fails()
    {
        await using var server = new ReplayServer("220 hi\r\n250 unexpected\r\n", closeAfter: true);
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp("S: 220\nEXPECT-CLOSE"), FakeTarget.OneRole(server, "smtp"));
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Fail), InlineScenario.Explain(result));
        Assert.That(result.Actual, Does.Contain("250 unexpected"));
    }

    [Test]
    public async Task ExpectSilence_ServerSaysNothing_Passes()
    {
        await using var fake = FakeTarget.Start();
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp("S: 220\nEXPECT-SILENCE 300ms\nC: NOOP\nS: 250"), fake.Target);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), InlineScenario.Explain(result));
        Assert.That(result.Duration, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(300) - TimerSlack));
    }

    [Test]
    public async Task ExpectSilence_ServerAnswers_Fails()
    {
        await using var fake = FakeTarget.Start();
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp("S: 220\nC: NOOP\nEXPECT-SILENCE 500ms"), fake.Target);
        Assert.That((result.Verdict, result.Line), Is.EqualTo((Verdict.Fail, 3)), InlineScenario.Explain(result));
        Assert.That(result.Actual, Does.StartWith("250"));
    }

    [Test]
    public async Task Pause_DelaysTheNextStep()
    {
        await using var fake = FakeTarget.Start();
        // Timer resolution: a delay may end a millisecond or two early.
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp("S: 220\nPAUSE 300ms\nC: QUIT\nS: 221"), fake.Target);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), InlineScenario.Explain(result));
        Assert.That(result.Duration, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(300) - TimerSlack));
    }

    [Test]
    public async Task Timeout_ShortensTheFollowingSteps()
    {
        await using var server = new HostileServer(Hostility.Silent);
        var options = InlineScenario.Options(stepTimeout: TimeSpan.FromSeconds(30));
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp("TIMEOUT 200ms\nS: 220"), FakeTarget.OneRole(server, "smtp"), options);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Fail), InlineScenario.Explain(result));
        Assert.That(result.Duration, Is.LessThan(TimeSpan.FromSeconds(3)));
    }

    [Test]
    public async Task Connect_SecondConnection_HasItsOwnSessionState()
    {
        const string dialogue = """
            S: 220
            C: EHLO client.example.test
            S: 250
            C: MAIL FROM:<alice@example.test>
            S: 250
            CONNECT second
            S: 220
            C: RCPT TO:<alice@example.test>
            S: 503
            USE main
            C: RCPT TO:<alice@example.test>
            S: 250
            """;
        await using var fake = FakeTarget.Start();
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp(dialogue), fake.Target);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), InlineScenario.Explain(result));
        Assert.That(fake.Smtp.Connections, Has.Count.EqualTo(2));
        Assert.That(result.Transcript.Select(e => e.Connection).Distinct(), Is.EquivalentTo(new[] { "main", "second" }));
        Assert.That(result.RenderTranscript(), Does.Contain("[second] S: 220"));
    }

    [Test]
    public async Task Connect_OtherRole_ReachesThatRolesServer()
    {
        await using var fake = FakeTarget.Start();
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp("S: 220\nCONNECT mailbox pop3\nS: +OK\nC: QUIT\nS: +OK\nUSE main\nC: QUIT\nS: 221"), fake.Target);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), InlineScenario.Explain(result));
        Assert.That(fake.Pop3.Connections, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Connect_RoleTheTargetLacks_Skips()
    {
        await using var fake = FakeTarget.Start();
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp("S: 220\nCONNECT sub submission\nS: 220"), fake.Target);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Skip), InlineScenario.Explain(result));
    }

    [Test]
    public async Task Use_UnknownConnection_IsAnError()
    {
        await using var fake = FakeTarget.Start();
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp("S: 220\nUSE nobody"), fake.Target);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Error), InlineScenario.Explain(result));
    }

    [Test]
    public async Task Drop_ThenExpect_SeesTheConnectionGone()
    {
        await using var fake = FakeTarget.Start();
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp("S: 220\nDROP\nS: close\nCONNECT again\nS: 220"), fake.Target);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), InlineScenario.Explain(result));
        Assert.That(result.RenderTranscript(), Does.Contain("dropped by the harness"));
    }

    [Test]
    public async Task Set_Variable_IsUsedByLaterSends()
    {
        await using var fake = FakeTarget.Start();
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp("SET who = {{user}}@{{domain}}\nS: 220\nC: VRFY {{who}}\nS: 252"), fake.Target);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), InlineScenario.Explain(result));
        // The dialogue's bytes exactly, then the QUIT that ends the session it left open (SessionEnd).
        Assert.That(fake.Smtp.Connections[0].ReceivedText, Is.EqualTo("VRFY alice@example.test\r\nQUIT\r\n"));
    }

    [Test]
    public async Task Send_UnknownVariable_IsAnErrorNotAFail()
    {
        await using var fake = FakeTarget.Start();
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp("S: 220\nC: VRFY {{nobody}}\nS: 252"), fake.Target);
        Assert.That((result.Verdict, result.Line), Is.EqualTo((Verdict.Error, 2)), InlineScenario.Explain(result));
        Assert.That(result.Summary, Does.Contain("{{nobody}}"));
    }

    [Test]
    public async Task Tls_AfterStartTls_UpgradesAndForgetsPlaintextState()
    {
        const string dialogue = """
            S: 220
            C: EHLO client.example.test
            S: 250
            ASSERT has-keyword STARTTLS
            C: STARTTLS
            S: 220
            TLS
            C: EHLO client.example.test
            S: 250
            ASSERT lacks-keyword STARTTLS
            C: QUIT
            S: 221
            """;
        await using var fake = FakeTarget.Start(new FakeSmtpOptions { OffersStartTls = true });
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp(dialogue), fake.Target);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), InlineScenario.Explain(result));
        Assert.That(result.RenderTranscript(), Does.Contain("TLS established"));
    }

    [Test]
    public async Task Tls_ServerWithoutTls_FailsTheHandshake()
    {
        await using var fake = FakeTarget.Start();
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp("S: 220\nC: NOOP\nS: 250\nTLS"), fake.Target);
        Assert.That((result.Verdict, result.Line), Is.EqualTo((Verdict.Fail, 4)), InlineScenario.Explain(result));
    }

    [Test]
    public async Task Delivered_MessageReachedTheMailbox_Passes()
    {
        const string dialogue = """
            S: 220
            C: EHLO client.example.test
            S: 250
            C: MAIL FROM:<alice@example.test>
            S: 250
            C: RCPT TO:<alice@example.test>
            S: 250
            C: DATA
            S: 354
            C: Subject: {{token}}
            C:
            C: ..dot-stuffed line
            C: .
            S: 250
            DELIVERED mailbox {{token}} within 2s count 1
            NOT-DELIVERED mailbox {{token2}} within 100ms
            """;
        await using var fake = FakeTarget.Start();
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp(dialogue), fake.Target);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), InlineScenario.Explain(result));
        Assert.That(fake.Maildrop.Messages.Single().Text, Does.Contain("\r\n.dot-stuffed line\r\n"));
    }

    [Test]
    public async Task Delivered_NothingArrived_FailsWithinItsWindow()
    {
        await using var fake = FakeTarget.Start();
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp("S: 220\nDELIVERED mailbox {{token}} within 300ms"), fake.Target);
        Assert.That((result.Verdict, result.Line), Is.EqualTo((Verdict.Fail, 2)), InlineScenario.Explain(result));
    }

    [Test]
    public async Task NotDelivered_MessageArrived_Fails()
    {
        await using var fake = FakeTarget.Start();
        fake.Maildrop.Deliver("Subject: CHFIXED\r\n\r\nx\r\n");
        var options = InlineScenario.Options() with { Variables = new Dictionary<string, string> { ["token"] = "CHFIXED" } };
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp("S: 220\nNOT-DELIVERED mailbox {{token}} within 300ms"), fake.Target, options);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Fail), InlineScenario.Explain(result));
    }

    [Test]
    public async Task Delivered_OracleTheTargetLacks_Skips()
    {
        await using var fake = FakeTarget.Start();
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp("S: 220\nDELIVERED sink {{token}} within 1s"), fake.Target);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Skip), InlineScenario.Explain(result));
    }
}
