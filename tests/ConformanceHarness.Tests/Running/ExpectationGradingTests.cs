using ConformanceHarness.Running;
using ConformanceHarness.Scenarios;
using ConformanceHarness.Tests.Fakes;
using ConformanceHarness.Tests.Support;

namespace ConformanceHarness.Tests.Running;

/// <summary>How S: lines are graded: exact codes, classes, alternatives, tolerated fallbacks, regexes and captures.</summary>
[Parallelizable(ParallelScope.Children)]
public sealed class ExpectationGradingTests
{
    [Test]
    public async Task Expect_ExactCodes_Pass()
    {
        var result = await RunAsync("S: 220\nC: EHLO client.example.test\nS: 250\nC: QUIT\nS: 221");
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), InlineScenario.Explain(result));
        Assert.That(result.Summary, Is.EqualTo("every expectation was met"));
    }

    [Test]
    public async Task Expect_ExactCodeDiffers_FailsWithExpectedActualAndLine()
    {
        var result = await RunAsync("S: 220\nC: NOOP\nS: 251");
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Fail), InlineScenario.Explain(result));
        Assert.That((result.Expected, result.Line), Is.EqualTo(("251", 3)));
        Assert.That(result.Actual, Does.StartWith("250 "));
    }

    [TestCase("2xx")]
    [TestCase("25x")]
    [TestCase("any")]
    public async Task Expect_ClassPattern_MatchesTheCode(string pattern)
    {
        var result = await RunAsync($"S: 2xx\nC: NOOP\nS: {pattern}");
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), InlineScenario.Explain(result));
    }

    [Test]
    public async Task Expect_ClassPatternOfAnotherClass_Fails()
    {
        var result = await RunAsync("S: 220\nC: NOOP\nS: 5xx");
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Fail), InlineScenario.Explain(result));
    }

    [Test]
    public async Task Expect_Alternatives_AnyOneMatches()
    {
        var result = await RunAsync("S: 220\nC: EHLO client.example.test\nS: 250\nC: RCPT TO:<alice@example.test>\nS: 550 | 503");
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), InlineScenario.Explain(result));
    }

    [Test]
    public async Task Expect_ToleratedFallback_GradesWarnAndNotesIt()
    {
        const string dialogue = "S: 220\nC: EHLO client.example.test\nS: 250\nC: RCPT TO:<alice@example.test>\nS: 503 else 5xx\nC: QUIT\nS: 221";
        var result = await RunAsync(dialogue, SmtpFault.OutOfSequenceAs550);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Warn), InlineScenario.Explain(result));
        Assert.That((result.Expected, result.Line), Is.EqualTo(("503", 5)));
        Assert.That(result.Actual, Does.StartWith("550"));
        Assert.That(result.Notes, Has.Some.Contains("tolerated fallback"));
    }

    [Test]
    public async Task Expect_ToleratedFallbackThenLaterFailure_GradesTheFailure()
    {
        const string dialogue = "S: 220\nC: EHLO client.example.test\nS: 250\nC: RCPT TO:<alice@example.test>\nS: 503 else 5xx\nC: NOOP\nS: 221";
        var result = await RunAsync(dialogue, SmtpFault.OutOfSequenceAs550);
        Assert.That((result.Verdict, result.Line), Is.EqualTo((Verdict.Fail, 7)), InlineScenario.Explain(result));
    }

    [Test]
    public async Task Expect_PreferredMatches_NoWarn()
    {
        const string dialogue = "S: 220\nC: EHLO client.example.test\nS: 250\nC: RCPT TO:<alice@example.test>\nS: 503 else 5xx";
        var result = await RunAsync(dialogue);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), InlineScenario.Explain(result));
    }

    [Test]
    public async Task Expect_NeitherPreferredNorTolerated_Fails()
    {
        const string dialogue = "S: 220\nC: EHLO client.example.test\nS: 250\nC: RCPT TO:<alice@example.test>\nS: 503 else 5xx";
        var result = await RunAsync(dialogue, SmtpFault.RcptBeforeMailAccepted);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Fail), InlineScenario.Explain(result));
        Assert.That(result.Expected, Is.EqualTo("503 else 5xx"));
    }

    [TestCase(Level.Must, Verdict.Fail)]
    [TestCase(Level.Security, Verdict.Fail)]
    [TestCase(Level.Should, Verdict.Warn)]
    [TestCase(Level.Info, Verdict.Info)]
    public async Task Expect_Mismatch_IsWeighedByLevel(Level level, Verdict verdict)
    {
        await using var fake = FakeTarget.Start();
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp("S: 220\nC: NOOP\nS: 251", level), fake.Target);
        Assert.That(result.Verdict, Is.EqualTo(verdict), InlineScenario.Explain(result));
    }

    [Test]
    public async Task Expect_ToleratedFallbackAtInfoLevel_GradesInfo()
    {
        await using var fake = FakeTarget.Start(SmtpFault.OutOfSequenceAs550);
        var scenario = InlineScenario.Smtp("S: 220\nC: EHLO client.example.test\nS: 250\nC: RCPT TO:<alice@example.test>\nS: 503 else 5xx", Level.Info);
        var result = await InlineScenario.RunAsync(scenario, fake.Target);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Info), InlineScenario.Explain(result));
    }

    [Test]
    public async Task Expect_RegexMatches_CapturesNamedGroupsForLaterSteps()
    {
        const string dialogue = """
            S: 220 /^(?<host>\S+) ESMTP/
            ASSERT equals {{host}} == mx.example.test
            C: VRFY {{host}}
            S: 252
            """;
        await using var fake = FakeTarget.Start();
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp(dialogue), fake.Target);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), InlineScenario.Explain(result));
        Assert.That(fake.Smtp.Connections[0].ReceivedText, Does.Contain("VRFY mx.example.test\r\n"));
    }

    [Test]
    public async Task Expect_RegexIgnoreCase_MatchesAnyCase()
    {
        var result = await RunAsync("S: 220 /esmtp FAKE/i");
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), InlineScenario.Explain(result));
    }

    [Test]
    public async Task Expect_RegexSeesEveryLineOfAMultiLineReply()
    {
        var result = await RunAsync("S: 220\nC: EHLO client.example.test\nS: 250 /^ENHANCEDSTATUSCODES$/");
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), InlineScenario.Explain(result));
    }

    [Test]
    public async Task Expect_RegexDoesNotMatch_Fails()
    {
        var result = await RunAsync("S: 220 /^nonesuch/");
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Fail), InlineScenario.Explain(result));
        Assert.That(result.Summary, Does.Contain("does not match"));
    }

    [Test]
    public async Task Expect_Pop3Statuses_AreGraded()
    {
        await using var fake = FakeTarget.Start();
        var pass = await InlineScenario.RunAsync(InlineScenario.Pop3("S: +OK\nC: STAT\nS: -ERR\nC: QUIT\nS: +OK"), fake.Target);
        var fail = await InlineScenario.RunAsync(InlineScenario.Pop3("S: +OK\nC: STAT\nS: +OK"), fake.Target);
        Assert.That((pass.Verdict, fail.Verdict), Is.EqualTo((Verdict.Pass, Verdict.Fail)), InlineScenario.Explain(fail));
    }

    [Test]
    public async Task Expect_Pop3StatusText_MatchesRegex()
    {
        await using var fake = FakeTarget.Start(pop3: FakePop3Options.Cleartext());
        fake.Maildrop.Deliver("Subject: one\r\n\r\nbody\r\n");
        const string dialogue = "S: +OK\nC: USER alice\nS: +OK\nC: PASS wonderland\nS: +OK\nC: STAT\nS: +OK /^(?<count>\\d+) \\d+$/\nASSERT equals {{count}} == 1";
        var result = await InlineScenario.RunAsync(InlineScenario.Pop3(dialogue), fake.Target);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), InlineScenario.Explain(result));
    }

    [Test]
    public async Task Expect_Pop3MultiLine_ReadsTheBodyForAsserts()
    {
        await using var fake = FakeTarget.Start(pop3: FakePop3Options.Cleartext());
        fake.Maildrop.Deliver("Subject: one\r\n\r\n.leading dot\r\n");
        const string dialogue = """
            S: +OK
            C: USER alice
            S: +OK
            C: PASS wonderland
            S: +OK
            C: RETR 1
            S+: +OK
            ASSERT body-contains .leading dot
            ASSERT body-lacks ..leading dot
            C: QUIT
            S: +OK
            """;
        var result = await InlineScenario.RunAsync(InlineScenario.Pop3(dialogue), fake.Target);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), InlineScenario.Explain(result));
    }

    [Test]
    public async Task Expect_Close_MatchesAServerThatClosed()
    {
        var result = await RunAsync("S: 220\nC: QUIT\nS: 221\nS: close");
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), InlineScenario.Explain(result));
    }

    [Test]
    public async Task Expect_ReplyButServerClosed_FailsSayingSo()
    {
        var result = await RunAsync("S: 220\nC: QUIT\nS: 221\nC: NOOP\nS: 250");
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Fail), InlineScenario.Explain(result));
        Assert.That(result.Summary, Does.Contain("closed").Or.Contain("reset"));
    }

    private static async Task<ScenarioResult> RunAsync(string dialogue, SmtpFault faults = SmtpFault.None)
    {
        await using var fake = FakeTarget.Start(faults);
        return await InlineScenario.RunAsync(InlineScenario.Smtp(dialogue), fake.Target);
    }
}
