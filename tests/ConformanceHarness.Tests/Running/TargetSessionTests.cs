using ConformanceHarness.Delivery;
using ConformanceHarness.Reporting;
using ConformanceHarness.Running;
using ConformanceHarness.Scenarios;
using ConformanceHarness.Targets;
using ConformanceHarness.Tests.Fakes;
using ConformanceHarness.Tests.Support;

namespace ConformanceHarness.Tests.Running;

/// <summary>The one way to run scenarios on a target: results in order, maildrop turns, and no exception escapes.</summary>
public sealed class TargetSessionTests
{
    private static string Delivered(string where) => $"S: 220\nC: QUIT\nS: 221\nDELIVERED {where} tok within 1s";

    [Test]
    public async Task RunAsync_HarnessThrows_IsAnErrorResultNotAnException()
    {
        await using var fake = FakeTarget.Start();
        fake.Target.Oracles["sink"] = new CountingOracle(fail: true);
        using var session = new TargetSession(fake.Target, InlineScenario.Options(), concurrency: 2);
        var result = await session.RunAsync(InlineScenario.Smtp(Delivered("sink")), CancellationToken.None);
        Assert.That((result.Verdict, result.Target), Is.EqualTo((Verdict.Error, "fake")), InlineScenario.Explain(result));
        Assert.That(result.Summary, Is.EqualTo("harness error: InvalidOperationException: the oracle broke"));
    }

    [Test]
    public async Task RunAllAsync_ResultsInTheOrderGiven_EachReportedOnce()
    {
        await using var fake = FakeTarget.Start();
        var scenarios = Enumerable.Range(0, 6).Select(i => InlineScenario.Create($"smtp/test/n{i}", "smtp", "S: 220\nC: QUIT\nS: 221", Level.Must, [])).ToList();
        var reported = new System.Collections.Concurrent.ConcurrentBag<ReportEntry>();
        using var session = new TargetSession(fake.Target, InlineScenario.Options(), concurrency: 3);
        var entries = await session.RunAllAsync(scenarios, reported.Add, CancellationToken.None);
        Assert.That(entries.Select(e => e.Scenario.Id), Is.EqualTo(scenarios.Select(s => s.Id)));
        Assert.That(entries.Select(e => e.Result.Verdict), Is.All.EqualTo(Verdict.Pass));
        Assert.That(reported.Select(e => e.Scenario.Id), Is.EquivalentTo(scenarios.Select(s => s.Id)));
    }

    /// <summary>RFC 1939 §8: the maildrop may be locked for a whole session, so scenarios that open it never overlap.</summary>
    [Test]
    public async Task RunAllAsync_MaildropScenarios_TakeTurns_OthersOverlap()
    {
        await using var fake = FakeTarget.Start();
        var mailbox = new CountingOracle(fail: false);
        var sink = new CountingOracle(fail: false);
        fake.Target.Oracles["mailbox"] = mailbox;
        fake.Target.Oracles["sink"] = sink;
        using var session = new TargetSession(fake.Target, InlineScenario.Options(), concurrency: 4);
        var scenarios = Enumerable.Range(0, 4).SelectMany(_ => new[] { "mailbox", "sink" })
            .Select(where => InlineScenario.Smtp(Delivered(where))).ToList();
        await session.RunAllAsync(scenarios, null, CancellationToken.None);
        Assert.That((mailbox.Calls, sink.Calls), Is.EqualTo((4, 4)));
        Assert.That(mailbox.MostAtOnce, Is.EqualTo(1));
        Assert.That(sink.MostAtOnce, Is.GreaterThan(1), "the sink scenarios should have run side by side (the test would prove nothing)");
    }

    /// <summary>A profile's step_timeout is a floor: a reply 1.5 s late fails the 1 s step timeout, not the profile's 3 s.</summary>
    [TestCase(null, Verdict.Fail)]
    [TestCase(3, Verdict.Pass)]
    public async Task RunAsync_ProfileStepTimeout_IsTheLeastStepTimeout(int? seconds, Verdict verdict)
    {
        await using var server = ReplayServer.Chunked(TimeSpan.FromMilliseconds(1500), "220 hi\r\n", "250 late\r\n");
        var profile = new TargetProfile { Name = "slow", Kind = "process", StepTimeout = seconds is { } s ? TimeSpan.FromSeconds(s) : null };
        await using var target = new RunningTarget(profile, new Dictionary<string, RoleEndpoint> { ["smtp"] = new("127.0.0.1", server.Port, false) }, false);
        using var session = new TargetSession(target, InlineScenario.Options(), concurrency: 1);
        var result = await session.RunAsync(InlineScenario.Smtp("S: 220\nS: 250"), CancellationToken.None);
        Assert.That(result.Verdict, Is.EqualTo(verdict), InlineScenario.Explain(result));
    }

    [Test]
    public async Task New_ConcurrencyBelowOne_IsRefused()
    {
        await using var fake = FakeTarget.Start();
        Assert.That(() => new TargetSession(fake.Target, InlineScenario.Options(), concurrency: 0), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    /// <summary>Counts the scenarios inside it at once; holds each a while so that overlaps show.</summary>
    private sealed class CountingOracle(bool fail) : IDeliveryOracle
    {
        private int inside;
        private int most;
        private int calls;

        public int MostAtOnce => Volatile.Read(ref most);

        public int Calls => Volatile.Read(ref calls);

        public async Task<IReadOnlyList<DeliveredMessage>> WaitAsync(string token, int atLeast, TimeSpan within, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref calls);
            var now = Interlocked.Increment(ref inside);
            int seen;
            while ((seen = Volatile.Read(ref most)) < now && Interlocked.CompareExchange(ref most, now, seen) != seen)
            {
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(150), cancellationToken);
                return fail ? throw new InvalidOperationException("the oracle broke") : [];
            }
            finally
            {
                Interlocked.Decrement(ref inside);
            }
        }
    }
}
