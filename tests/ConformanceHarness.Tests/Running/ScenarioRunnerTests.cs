using System.Net;
using System.Net.Sockets;
using ConformanceHarness.Running;
using ConformanceHarness.Targets;
using ConformanceHarness.Tests.Fakes;
using ConformanceHarness.Tests.Support;

namespace ConformanceHarness.Tests.Running;

/// <summary>Preconditions, the live/non-live distinction, and the bounds around a whole scenario.</summary>
[Parallelizable(ParallelScope.Children)]
public sealed class ScenarioRunnerTests
{
    [TestCase("PIPELINING", Verdict.Pass)]
    [TestCase("STARTTLS", Verdict.Skip)]
    [TestCase("!STARTTLS", Verdict.Pass)]
    [TestCase("!PIPELINING", Verdict.Skip)]
    [TestCase("mailbox", Verdict.Pass)]
    [TestCase("sink", Verdict.Skip)]
    [TestCase("pop3", Verdict.Pass)]
    [TestCase("submission", Verdict.Skip)]
    public async Task Requires_IsMetByExtensionRoleOrOracle(string requirement, Verdict verdict)
    {
        await using var fake = FakeTarget.Start();
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp("S: 220\nC: QUIT\nS: 221", requires: requirement), fake.Target);
        Assert.That(result.Verdict, Is.EqualTo(verdict), InlineScenario.Explain(result));
        if (verdict == Verdict.Skip)
        {
            Assert.That(result.Summary, Does.Contain(requirement));
        }
    }

    [Test]
    public async Task Requires_Pop3Capability_IsProbedWithCapaBeforeAndAfterStls()
    {
        await using var fake = FakeTarget.Start();
        var stls = await InlineScenario.RunAsync(InlineScenario.Pop3("S: +OK", requires: "STLS"), fake.Target);
        var uidl = await InlineScenario.RunAsync(InlineScenario.Pop3("S: +OK", requires: "UIDL"), fake.Target);
        Assert.That((stls.Verdict, uidl.Verdict), Is.EqualTo((Verdict.Pass, Verdict.Pass)));
    }

    [Test]
    public async Task Run_RoleTheTargetLacks_Skips()
    {
        await using var server = new ReplayServer("220 hi\r\n");
        var result = await InlineScenario.RunAsync(InlineScenario.Pop3("S: +OK"), FakeTarget.OneRole(server, "smtp"));
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Skip));
    }

    [Test]
    public async Task Run_NothingListening_IsAnErrorNotAFail()
    {
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp("S: 220"), TargetAt(ClosedPort(), live: false));
        Assert.That((result.Verdict, result.Line), Is.EqualTo((Verdict.Error, 1)), InlineScenario.Explain(result));
        Assert.That(result.Summary, Does.Contain("could not connect"));
    }

    [Test]
    public async Task Run_NothingListeningOnALiveHost_IsAnError()
    {
        // Connection refused: nothing to grade and nothing transient about it (a wrong port or host), so the run must not pass.
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp("S: 220"), TargetAt(ClosedPort(), live: true));
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Error), InlineScenario.Explain(result));
    }

    [Test]
    public async Task Run_LiveHostSilent_IsInconclusive()
    {
        await using var server = new HostileServer(Hostility.Silent);
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp("S: 220"), FakeTarget.OneRole(server, "smtp", live: true));
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Inconclusive), InlineScenario.Explain(result));
    }

    [Test]
    public async Task Run_LiveHostTransientRefusal_IsInconclusive()
    {
        await using var server = new ReplayServer("421 4.7.0 try again later\r\n");
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp("S: 220"), FakeTarget.OneRole(server, "smtp", live: true));
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Inconclusive), InlineScenario.Explain(result));
    }

    [Test]
    public async Task Run_ScenarioOverItsTimeout_IsAnError()
    {
        await using var fake = FakeTarget.Start();
        var options = InlineScenario.Options(scenarioTimeout: TimeSpan.FromMilliseconds(300));
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp("S: 220\nPAUSE 5s\nC: QUIT\nS: 221"), fake.Target, options);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Error), InlineScenario.Explain(result));
        Assert.That(result.Duration, Is.LessThan(TimeSpan.FromSeconds(2)));
    }

    [Test]
    public async Task Run_RegexThatBacktracksForeverOnTheReply_IsAnErrorNotAnException()
    {
        // The regex's own 1 s match timeout fires; that is the scenario's fault, so Error, and the runner must not throw.
        await using var server = new ReplayServer("220 " + new string('a', 40) + "!\r\n");
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp("S: 220 /^(a+)+$/"), FakeTarget.OneRole(server, "smtp"), InlineScenario.Options(stepTimeout: TimeSpan.FromSeconds(5)));
        Assert.That((result.Verdict, result.Line), Is.EqualTo((Verdict.Error, 1)), InlineScenario.Explain(result));
        Assert.That(result.Summary, Does.Contain("regex"));
    }

    [Test]
    public async Task Run_Result_CarriesTheTranscriptAndDuration()
    {
        await using var fake = FakeTarget.Start();
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp("S: 220\nC: QUIT\nS: 221"), fake.Target);
        Assert.That((result.ScenarioId, result.Target), Is.EqualTo(("smtp/test/inline", "fake")));
        Assert.That(result.RenderTranscript(), Does.Contain("C: QUIT⏎").And.Contain("S: 221 Bye⏎"));
        Assert.That(result.Duration, Is.GreaterThan(TimeSpan.Zero));
    }

    private static RunningTarget TargetAt(int port, bool live) =>
        new(new TargetProfile { Name = "nothing", Kind = live ? "live" : "process" }, new Dictionary<string, RoleEndpoint> { ["smtp"] = new("127.0.0.1", port, false) }, live);

    /// <summary>A loopback port nobody listens on (bound, then released).</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
