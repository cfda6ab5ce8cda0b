using ConformanceHarness.Running;
using ConformanceHarness.Scenarios;
using ConformanceHarness.Targets;
using ConformanceHarness.Tests.Fakes;
using ConformanceHarness.Tests.Support;

namespace ConformanceHarness.Tests.Running;

/// <summary>
/// A profile's <c>deviations:</c> record explains any verdict that grades the server short of Pass (Fail, Warn, Info,
/// Inconclusive), never a Pass or a Skip; with <c>reply:</c> only while the server still says what was recorded.
/// </summary>
[Parallelizable(ParallelScope.Children)]
public sealed class DeviationRecordTests
{
    private const string UnknownCommand = "S: 220\nC: EHLO client.example.test\nS: 250\nC: XYZZY\nS: 500 else 5xx\nC: QUIT\nS: 221";

    [Test]
    public async Task Warn_RecordedWithTheReplyTheServerGives_CarriesTheDeviation()
    {
        await using var fake = FakeTarget.Start(SmtpFault.UnknownCommandAs502);
        var result = await RunAsync(UnknownCommand, Level.Must, fake, Recorded(reply: "502 5.5.2"));
        Assert.That((result.Verdict, result.Deviation), Is.EqualTo((Verdict.Warn, "known deviation (RFC 5321 §4.2.4): answers 502")), InlineScenario.Explain(result));
    }

    [Test]
    public async Task Fail_TheServerNowSaysSomethingElse_TheOldRecordDoesNotExcuseIt()
    {
        // Recorded as "502 5.5.2"; this server accepts the unknown command (250): a new fault, not the one explained.
        await using var fake = FakeTarget.Start(SmtpFault.UnknownCommandAccepted);
        var result = await RunAsync(UnknownCommand, Level.Must, fake, Recorded(reply: "502 5.5.2"));
        Assert.That((result.Verdict, result.Deviation), Is.EqualTo((Verdict.Fail, (string?)null)), InlineScenario.Explain(result));
    }

    [Test]
    public async Task Fail_RecordedWithoutAReply_IsExplainedWhateverTheServerSaid()
    {
        await using var fake = FakeTarget.Start(SmtpFault.UnknownCommandAccepted);
        var result = await RunAsync(UnknownCommand, Level.Must, fake, Recorded(reply: null));
        Assert.That((result.Verdict, result.Deviation), Is.EqualTo((Verdict.Fail, "known deviation (RFC 5321 §4.2.4): answers 502")), InlineScenario.Explain(result));
    }

    // An informational finding (level info), and a question the server would not let be asked (INCONCLUSIVE).
    [TestCase("C: MAIL FROM:<alice@example.test>\nS: 5xx FINDING 250: accepts its own domain", Level.Info, Verdict.Info)]
    [TestCase("C: NOOP\nS: 251 INCONCLUSIVE 250: the question was never asked", Level.Security, Verdict.Inconclusive)]
    public async Task InfoAndInconclusive_CarryTheDeviation(string exchange, Level level, Verdict verdict)
    {
        await using var fake = FakeTarget.Start();
        var result = await RunAsync($"S: 220\nC: EHLO client.example.test\nS: 250\n{exchange}\nC: QUIT\nS: 221", level, fake, Recorded(reply: "250"));
        Assert.That((result.Verdict, result.Deviation), Is.EqualTo((verdict, "known deviation (RFC 5321 §4.2.4): answers 502")), InlineScenario.Explain(result));
    }

    [Test]
    public async Task Pass_AndSkip_NeverCarryADeviation()
    {
        await using var fake = FakeTarget.Start();
        var pass = await RunAsync("S: 220\nC: NOOP\nS: 250\nC: QUIT\nS: 221", Level.Must, fake, Recorded(reply: null));
        var skip = await RunAsync("S: 220", Level.Must, fake, Recorded(reply: null), requires: "STARTTLS");
        Assert.That((pass.Verdict, pass.Deviation, skip.Verdict, skip.Deviation), Is.EqualTo((Verdict.Pass, (string?)null, Verdict.Skip, (string?)null)));
    }

    private static Deviation Recorded(string? reply) =>
        new() { Scenario = "smtp/test/*", Rule = "RFC 5321 §4.2.4", Why = "answers 502", Reply = reply };

    private static Task<ScenarioResult> RunAsync(string dialogue, Level level, FakeTarget fake, Deviation deviation, params string[] requires)
    {
        var target = new RunningTarget(fake.Target.Profile with { Deviations = [deviation] }, fake.Target.Roles, fake.Target.Live);
        return InlineScenario.RunAsync(InlineScenario.Smtp(dialogue, level, requires), target);
    }
}
