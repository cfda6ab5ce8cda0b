using System.Text.RegularExpressions;
using ConformanceHarness.Running;
using ConformanceHarness.Scenarios;
using ConformanceHarness.Targets;
using ConformanceHarness.Tests.Fakes;
using ConformanceHarness.Tests.Support;

namespace ConformanceHarness.Tests.Running;

/// <summary>
/// A server that limits connections per client address (Courier's MAXPERIP) serves a target session reached from
/// several addresses that many times more at once; the fake counts its limit per address like Courier. Loopback has
/// many addresses (127.0.0.2, 127.0.0.3 …): the extra routes connect from those, as the container networks' routes
/// connect from each network's gateway.
/// </summary>
public sealed class ClientAddressesTests
{
    private const int Limit = 2;

    /// <summary>
    /// Each scenario holds its connection for a while, so the scenarios at once show in the server's count, and ends when
    /// the server has closed (its slot is free then, as Courier's is when its process exits after QUIT).
    /// </summary>
    private static readonly Scenario Holding = InlineScenario.Smtp("S: 220\nPAUSE 300ms\nC: QUIT\nS: 221\nS: close");

    [Test]
    public async Task Spread_OverThreeAddresses_ServesThreeTimesTheLimit_NoneTurnedAway()
    {
        await using var fake = FakeTarget.Start(new FakeSmtpOptions { SessionLimit = Limit, LimitPerAddress = true });
        var target = Limited(fake, "127.0.0.2", "127.0.0.3");
        var (verdicts, session) = await RunAsync(target, concurrency: Limit, count: 12);
        Assert.Multiple(() =>
        {
            Assert.That(verdicts, Has.All.EqualTo(Verdict.Pass));
            Assert.That(session.Concurrency, Is.EqualTo(3 * Limit), "the concurrency is per client address");
            Assert.That(fake.Smtp.ClientAddresses, Is.EquivalentTo(new[] { "127.0.0.1", "127.0.0.2", "127.0.0.3" }));
            Assert.That(fake.Smtp.MostOpen, Is.GreaterThan(Limit), "never more than one address's share at once: nothing was spread");
            Assert.That(fake.Smtp.MostOpenFromOneAddress, Is.LessThanOrEqualTo(Limit));
            Assert.That(fake.Smtp.TurnedAway, Is.Zero, "each address's budget stops at the server's limit");
        });
    }

    /// <summary>The other way: the same target and scenarios without the extra routes stay within one address's share.</summary>
    [Test]
    public async Task NoRoutes_OneAddress_NeverMoreThanTheLimitAtOnce()
    {
        await using var fake = FakeTarget.Start(new FakeSmtpOptions { SessionLimit = Limit, LimitPerAddress = true });
        var (verdicts, session) = await RunAsync(Limited(fake), concurrency: Limit, count: 6);
        Assert.Multiple(() =>
        {
            Assert.That(verdicts, Has.All.EqualTo(Verdict.Pass));
            Assert.That(session.Addresses.Count, Is.EqualTo(1));
            Assert.That(fake.Smtp.ClientAddresses, Is.EqualTo(new[] { "127.0.0.1" }));
            Assert.That(fake.Smtp.MostOpen, Is.LessThanOrEqualTo(Limit));
        });
    }

    /// <summary>Routes without a per-address limit in the profile are not used: spreading is what the profile asks for.</summary>
    [Test]
    public async Task RoutesWithoutTheProfileKey_AreNotUsed()
    {
        await using var fake = FakeTarget.Start();
        var target = fake.Target;
        target.ClientRoutes.Add(Route(fake, "127.0.0.2"));
        var (_, session) = await RunAsync(target, concurrency: 2, count: 4);
        Assert.That((session.Addresses.Count, session.Concurrency), Is.EqualTo((1, 2)));
        Assert.That(fake.Smtp.ClientAddresses, Is.EqualTo(new[] { "127.0.0.1" }));
    }

    /// <summary>A scenario keeps one address for every connection it opens: the server sees one client per scenario.</summary>
    [Test]
    public async Task Scenario_WithASecondConnection_OpensBothFromOneAddress()
    {
        await using var fake = FakeTarget.Start(new FakeSmtpOptions { SessionLimit = Limit, LimitPerAddress = true });
        var target = Limited(fake, "127.0.0.2", "127.0.0.3");
        var scenario = InlineScenario.Smtp("S: 220\nCONNECT second\nS: 220\nPAUSE 200ms\nC: QUIT\nS: 221\nS: close");
        using var session = new TargetSession(target, InlineScenario.Options(), 1);
        var entries = await session.RunAllAsync([.. Enumerable.Repeat(scenario, 6)], null, CancellationToken.None);
        Assert.That(entries.Select(e => e.Result.Verdict), Has.All.EqualTo(Verdict.Pass));
        foreach (var entry in entries)
        {
            // The transcript notes each connection as "connected to SERVER from CLIENT:PORT".
            var from = Regex.Matches(entry.Result.RenderTranscript(), @"connected to \S+ from (?<client>[0-9.]+):\d+").Select(m => m.Groups["client"].Value).ToList();
            Assert.That(from, Has.Count.EqualTo(2).And.All.EqualTo(from[0]), entry.Result.RenderTranscript());
        }

        Assert.That(fake.Smtp.ClientAddresses, Has.Count.GreaterThan(1), "the scenarios were not spread: the test proves nothing");
    }

    [Test]
    public void Profile_ConnectionsPerAddressOutOfRange_IsAProfileError() =>
        Assert.That(() => TargetProfileLoader.Parse("name: x\nkind: live\nhost: 127.0.0.1\nconnections_per_address: 0\n", "x.yaml"), Throws.TypeOf<TargetSpecException>().With.Message.Contains("connections_per_address 0"));

    private static RunningTarget Limited(FakeTarget fake, params string[] extra)
    {
        var target = new RunningTarget(fake.Target.Profile with { ConnectionsPerAddress = Limit }, fake.Target.Roles, live: false);
        foreach (var local in extra)
        {
            target.ClientRoutes.Add(Route(fake, local));
        }

        return target;
    }

    private static Dictionary<string, RoleEndpoint> Route(FakeTarget fake, string local) =>
        fake.Target.Roles.ToDictionary(r => r.Key, r => r.Value with { LocalAddress = local });

    private static async Task<(IReadOnlyList<Verdict> Verdicts, TargetSession Session)> RunAsync(RunningTarget target, int concurrency, int count)
    {
        var session = new TargetSession(target, InlineScenario.Options(), concurrency);
        var entries = await session.RunAllAsync([.. Enumerable.Repeat(Holding, count)], null, CancellationToken.None);
        session.Dispose();
        return ([.. entries.Select(e => e.Result.Verdict)], session);
    }
}
