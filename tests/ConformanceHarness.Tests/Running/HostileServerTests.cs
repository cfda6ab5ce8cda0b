using System.Diagnostics;
using ConformanceHarness.Running;
using ConformanceHarness.Tests.Fakes;
using ConformanceHarness.Tests.Support;

namespace ConformanceHarness.Tests.Running;

/// <summary>
/// Whatever a server does on the wire, the runner reaches a verdict within its step timeouts: no hang, no
/// exception, and the verdict says the target failed (or the harness could not run), never Pass.
/// </summary>
[Parallelizable(ParallelScope.Children)]
public sealed class HostileServerTests
{
    /// <summary>Every hostile scenario must end well inside this, with a 1 s step timeout.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    private const string SmtpDialogue = """
        S: 220
        C: EHLO client.example.test
        S: 250
        C: QUIT
        S: 221
        """;

    private const string Pop3Dialogue = """
        S: +OK
        C: LIST
        S+: +OK
        C: QUIT
        S: +OK
        """;

    [TestCase(Hostility.Silent)]
    [TestCase(Hostility.Drip)]
    [TestCase(Hostility.EndlessLine)]
    [TestCase(Hostility.EndlessMultiLine)]
    [TestCase(Hostility.Garbage)]
    [TestCase(Hostility.ResetMidReply)]
    [TestCase(Hostility.CloseAfterGreeting)]
    public async Task SmtpScenario_HostileServer_FailsWithinBound(Hostility behaviour)
    {
        await using var server = new HostileServer(behaviour);
        await AssertFailsWithinBoundAsync(InlineScenario.Smtp(SmtpDialogue), server, "smtp");
    }

    [TestCase(Hostility.Silent)]
    [TestCase(Hostility.Drip)]
    [TestCase(Hostility.EndlessLine)]
    [TestCase(Hostility.EndlessPop3Body)]
    [TestCase(Hostility.Garbage)]
    [TestCase(Hostility.ResetMidReply)]
    [TestCase(Hostility.CloseAfterGreeting)]
    public async Task Pop3Scenario_HostileServer_FailsWithinBound(Hostility behaviour)
    {
        await using var server = new HostileServer(behaviour, pop3: true);
        await AssertFailsWithinBoundAsync(InlineScenario.Pop3(Pop3Dialogue), server, "pop3");
    }

    [TestCase(Hostility.Silent)]
    [TestCase(Hostility.Drip)]
    public async Task ScenarioWithRequirement_HostileServer_EndsWithinBound(Hostility behaviour)
    {
        // The capability probe meets the hostile server first; it must be bounded too (Skip is then honest).
        await using var server = new HostileServer(behaviour);
        var clock = Stopwatch.StartNew();
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp(SmtpDialogue, requires: "PIPELINING"), FakeTarget.OneRole(server, "smtp"));
        Assert.That(clock.Elapsed, Is.LessThan(Bound), InlineScenario.Explain(result));
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Skip), InlineScenario.Explain(result));
    }

    [Test]
    public async Task Fill_ServerStopsReading_FailsWithinBound()
    {
        // 64 MB of message text to a server that reads nothing: the writes block once the socket buffers are full,
        // and the step timeout ends the scenario (no hang, no 64 MB in the transcript).
        await using var server = new HostileServer(Hostility.StopsReading);
        await AssertFailsWithinBoundAsync(InlineScenario.Smtp("S: 220\nC: EHLO client.example.test\nFILL 64000000\nC: .\nS: 250"), server, "smtp");
    }

    private static async Task AssertFailsWithinBoundAsync(ConformanceHarness.Scenarios.Scenario scenario, HostileServer server, string role)
    {
        var clock = Stopwatch.StartNew();
        var result = await InlineScenario.RunAsync(scenario, FakeTarget.OneRole(server, role));
        clock.Stop();
        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict, Is.AnyOf(Verdict.Fail, Verdict.Error), InlineScenario.Explain(result));
            Assert.That(clock.Elapsed, Is.LessThan(Bound), InlineScenario.Explain(result));
            Assert.That(result.Transcript, Is.Not.Empty);
        });
    }
}
