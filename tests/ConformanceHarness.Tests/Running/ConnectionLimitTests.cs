using System.Net;
using System.Net.Sockets;
using ConformanceHarness.Running;
using ConformanceHarness.Scenarios;
using ConformanceHarness.Targets;
using ConformanceHarness.Tests.Fakes;
using ConformanceHarness.Tests.Support;

namespace ConformanceHarness.Tests.Running;

/// <summary>
/// Limits are not findings (issue 14, property 3): a connection a server turns away before or at its greeting (closed,
/// or 421) is retried with backoff and the target's concurrency adapts; if it is never served the scenario is
/// Inconclusive, never Fail. Nothing after the greeting is retried. The fakes' <c>SessionLimit</c> is a per-address
/// limit like Courier's MAXPERIP: a connection arriving while that many sessions are open is closed before the greeting.
/// </summary>
public sealed class ConnectionLimitTests
{
    private const string Refused = "the server refused the connection: per-address limit?";

    private static RunOptions Options(TimeSpan? stepTimeout = null) => InlineScenario.Options(stepTimeout) is var o
        ? o with { Wire = o.Wire with { RefusalBackoff = TimeSpan.FromMilliseconds(50) } }
        : throw new InvalidOperationException();

    [Test]
    public async Task Greeting_ClosedWhileAtTheLimit_IsRetriedUntilServed()
    {
        await using var fake = FakeTarget.Start(new FakeSmtpOptions { SessionLimit = 1 });
        var holder = await HoldAsync(fake.Smtp);
        _ = Task.Delay(300).ContinueWith(_ => holder.Dispose(), TaskScheduler.Default);
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp("S: 220\nC: QUIT\nS: 221"), fake.Target, Options());
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), InlineScenario.Explain(result));
        Assert.That(fake.Smtp.TurnedAway, Is.GreaterThan(0), "the limit was never met: the test proves nothing");
        Assert.That(result.RenderTranscript(), Does.Contain("closed before its greeting (a connection limit?): retry 1 of 7"));
    }

    [Test]
    public async Task Greeting_NeverServed_IsInconclusive_NotFail()
    {
        await using var fake = FakeTarget.Start(new FakeSmtpOptions { SessionLimit = 1 });
        using var holder = await HoldAsync(fake.Smtp);
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp("S: 220\nC: QUIT\nS: 221"), fake.Target, Options());
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Inconclusive), InlineScenario.Explain(result));
        Assert.That(result.Summary, Does.StartWith(Refused));
        Assert.That(fake.Smtp.TurnedAway, Is.EqualTo(8), "the first attempt and 7 retries");
    }

    [Test]
    public async Task Greeting421_IsRetriedUntilServed()
    {
        await using var server = new BusyServer(busyConnections: 2, busyAfterGreeting: false);
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp("S: 220\nC: QUIT\nS: 221"), FakeTarget.OneRole(server, "smtp"), Options());
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), InlineScenario.Explain(result));
        Assert.That(server.Connections, Has.Count.EqualTo(3));
    }

    /// <summary>A 421 to a later command is graded as it is: a retry there would hide non-conformance.</summary>
    [Test]
    public async Task Reply421AfterTheGreeting_IsGraded_NotRetried()
    {
        await using var server = new BusyServer(busyConnections: int.MaxValue, busyAfterGreeting: true);
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp("S: 220\nC: EHLO client.example.test\nS: 250"), FakeTarget.OneRole(server, "smtp"), Options());
        Assert.That((result.Verdict, result.Actual), Is.EqualTo((Verdict.Fail, "421 4.7.0 too busy")), InlineScenario.Explain(result));
        Assert.That(server.Connections, Has.Count.EqualTo(1));
    }

    /// <summary>
    /// A close the expectation asks for (<c>S: close</c>) is graded; so is one after the client spoke first (a server may
    /// close on early talk). Neither is retried.
    /// </summary>
    [TestCase("S: close", Verdict.Pass)]
    [TestCase("C: NOOP\nS: 220", Verdict.Fail)]
    public async Task Greeting_ClosedAsExpectedOrAfterTheClientSpoke_IsGraded_NotRetried(string dialogue, Verdict verdict)
    {
        await using var fake = FakeTarget.Start(new FakeSmtpOptions { SessionLimit = 0 });
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp(dialogue), fake.Target, Options());
        Assert.That(result.Verdict, Is.EqualTo(verdict), InlineScenario.Explain(result));
        Assert.That(fake.Smtp.TurnedAway, Is.EqualTo(1));
    }

    /// <summary>A second connection (CONNECT) counts: while the first holds the only slot, it is never served.</summary>
    [Test]
    public async Task SecondConnection_NeverServed_IsInconclusive_NotFail()
    {
        await using var fake = FakeTarget.Start(new FakeSmtpOptions { SessionLimit = 1 });
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp("S: 220\nCONNECT second\nS: 220\nC: QUIT\nS: 221"), fake.Target, Options());
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Inconclusive), InlineScenario.Explain(result));
        Assert.That(result.Summary, Does.StartWith(Refused));
    }

    /// <summary>The capability probe's connection is retried too, and a refused probe is never a Skip.</summary>
    [Test]
    public async Task CapabilityProbe_AtTheLimit_IsRetried_NotSkipped()
    {
        await using var fake = FakeTarget.Start(new FakeSmtpOptions { SessionLimit = 1, OffersStartTls = true });
        var holder = await HoldAsync(fake.Smtp);
        _ = Task.Delay(300).ContinueWith(_ => holder.Dispose(), TaskScheduler.Default);
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp("S: 220\nC: QUIT\nS: 221", Level.Must, "starttls"), fake.Target, Options());
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), InlineScenario.Explain(result));
        Assert.That(fake.Smtp.TurnedAway, Is.GreaterThan(0));
    }

    [Test]
    public async Task CapabilityProbe_NeverServed_IsInconclusive_NotSkip()
    {
        await using var fake = FakeTarget.Start(new FakeSmtpOptions { SessionLimit = 0, OffersStartTls = true });
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp("S: 220", Level.Must, "starttls"), fake.Target, Options());
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Inconclusive), InlineScenario.Explain(result));
        Assert.That(result.Summary, Does.StartWith(Refused));
    }

    /// <summary>
    /// The verdicts do not depend on the concurrency: catalog scenarios (command order, STARTTLS, POP3 with a second SMTP
    /// connection) on fakes that allow 2 sessions per address, at concurrency 1 and 8, give the same verdict each.
    /// </summary>
    [Test]
    public async Task Catalog_OnAFakeWithAPerAddressLimit_SameVerdictsAtConcurrency1And8()
    {
        var scenarios = ScenarioLoader.LoadDirectory(Path.Combine(RepositoryLayout.FindRoot()!, "scenarios")).Scenarios
            .Where(s => s.Id.StartsWith("smtp/rfc5321/4.1.4/", StringComparison.Ordinal) || s.Id.StartsWith("smtp/rfc3207/", StringComparison.Ordinal)
                || s.Id.StartsWith("pop3/rfc1939/5/", StringComparison.Ordinal))
            .ToList();
        var one = await RunAsync(scenarios, 1);
        var eight = await RunAsync(scenarios, 8);
        TestContext.Out.WriteLine($"{scenarios.Count} scenarios; concurrency 8: {eight.TurnedAway} connections turned away, budget down to {eight.Lowest}");
        Assert.Multiple(() =>
        {
            Assert.That(eight.TurnedAway, Is.GreaterThan(0), "the limit was never met at concurrency 8: the test proves nothing");
            Assert.That(eight.Lowest, Is.LessThan(8));
            Assert.That(eight.Verdicts, Is.EqualTo(one.Verdicts));
            Assert.That(one.Verdicts.Values, Has.None.EqualTo(Verdict.Inconclusive));
        });
    }

    private static async Task<(Dictionary<string, Verdict> Verdicts, int TurnedAway, int Lowest)> RunAsync(IReadOnlyList<Scenario> scenarios, int concurrency)
    {
        await using var fake = FakeTarget.Start(
            new FakeSmtpOptions { SessionLimit = 2, OffersStartTls = true, AuthPlain = true },
            new FakePop3Options { SessionLimit = 2 });
        using var session = new TargetSession(fake.Target, Options(TimeSpan.FromSeconds(2)), concurrency);
        var entries = await session.RunAllAsync(scenarios, null, CancellationToken.None);
        return (entries.ToDictionary(e => e.Scenario.Id, e => e.Result.Verdict), fake.Smtp.TurnedAway + fake.Pop3.TurnedAway, session.Budget.Lowest);
    }

    /// <summary>Opens a connection that holds one of the server's session slots until disposed.</summary>
    private static async Task<TcpClient> HoldAsync(LoopbackServer server)
    {
        var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, server.Port);
        for (var i = 0; i < 100 && server.OpenConnections == 0; i++)
        {
            await Task.Delay(10);
        }

        return client;
    }

    /// <summary>Greets 421 and closes on its first connections (busy), or greets 220 and answers every command 421.</summary>
    private sealed class BusyServer : LoopbackServer
    {
        private readonly int busyConnections;
        private readonly bool busyAfterGreeting;
        private int accepted;

        public BusyServer(int busyConnections, bool busyAfterGreeting)
        {
            this.busyConnections = busyConnections;
            this.busyAfterGreeting = busyAfterGreeting;
            Start();
        }

        protected override async Task ServeAsync(FakeConnection connection, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref accepted) <= busyConnections && !busyAfterGreeting)
            {
                await connection.WriteAsync("421 4.7.0 mx.example.test too many connections\r\n", cancellationToken);
                return;
            }

            await connection.WriteAsync("220 mx.example.test ESMTP\r\n", cancellationToken);
            while (await connection.ReadLineAsync(cancellationToken) is { } line)
            {
                if (busyAfterGreeting)
                {
                    await connection.WriteAsync("421 4.7.0 too busy\r\n", cancellationToken);
                    return;
                }

                await connection.WriteAsync(line.StartsWith("QUIT", StringComparison.OrdinalIgnoreCase) ? "221 bye\r\n" : "250 ok\r\n", cancellationToken);
            }
        }
    }
}
