using ConformanceHarness.Reporting;
using ConformanceHarness.Running;
using ConformanceHarness.Scenarios;
using ConformanceHarness.Tests.Catalog;
using ConformanceHarness.Tests.Fakes;
using ConformanceHarness.Tests.Support;

namespace ConformanceHarness.Tests.Running;

/// <summary>
/// One cause, one finding: the whole catalog on a fake with one fault reports the fault once, by the scenario about
/// it; every other scenario that ran into it is skipped and points there. On the correct fake nothing changes.
/// </summary>
[Parallelizable(ParallelScope.Children)]
public sealed class CauseAttributionTests
{
    private static readonly RunOptions Options = InlineScenario.Options(stepTimeout: TimeSpan.FromSeconds(1), scenarioTimeout: TimeSpan.FromSeconds(30));

    private static readonly Lazy<IReadOnlyList<Scenario>> Catalog =
        new(() => ScenarioLoader.LoadDirectory(CatalogProofTests.ScenariosDirectory()).Scenarios);

    [Test]
    public async Task EhloEveryLineLast_ReportedOnceByEhlo_NoRelayFinding()
    {
        await using var fake = FakeTarget.Start(new FakeSmtpOptions { Faults = SmtpFault.EhloEveryLineLast, WithSink = true });
        var results = await RunCatalogAsync(fake, "smtp/");
        AssertOneCause(results, "framing:smtp:after-EHLO", "smtp/rfc5321/4.1.1.1/ehlo", Verdict.Fail, atLeast: 50);

        // A relay finding is concluded only from an in-sync reply: the stray EHLO lines are never read as RCPT's.
        Assert.That(results.Where(r => r.Result.Finding is not null).Select(Describe), Is.Empty);
        Assert.That(fake.Smtp.Sink.Messages, Is.Empty, "the fake relays nothing");
    }

    [Test]
    public async Task GreetingRefused_ReportedOnceByTheGreetingScenario()
    {
        await using var fake = FakeTarget.Start(SmtpFault.GreetingRefused);
        var results = await RunCatalogAsync(fake, "smtp/");
        AssertOneCause(results, "greeting:smtp:554", "smtp/rfc5321/4.3.1/greeting", Verdict.Warn, atLeast: 50);
        Assert.That(results.Where(r => r.Result.Verdict == Verdict.Fail).Select(Describe), Is.Empty, "no scenario fails 'expected 220'");
    }

    [Test]
    public async Task QuitWithout221_ReportedByTheQuitScenarios()
    {
        // With its trace header, so that the correct fake passes the Received: scenarios: only QUIT is broken.
        await using var fake = FakeTarget.Start(new FakeSmtpOptions { Faults = SmtpFault.QuitWithout221, AddsTraceHeader = true });
        var results = await RunCatalogAsync(fake, "smtp/");
        AssertOneCause(results, "quit:smtp:closed", "smtp/rfc5321/4.1.1.10/quit", Verdict.Fail, atLeast: 30);
        Assert.That(results.Where(r => r.Result.Expected == "221" && r.Result.Verdict == Verdict.Fail).Select(r => r.Scenario.Id),
            Is.All.Matches<string>(id => CauseAttribution.IsAbout(id, ResultCause.Quit("smtp", "221", "closed"))), "only the scenarios about QUIT fail on it");
    }

    /// <summary>RFC 1939 §3 broken in a multi-line body: the mailbox oracle meets it too, and points to the scenario about it.</summary>
    [TestCase(Pop3Fault.ListUnterminated, "framing:pop3:unterminated", "pop3/rfc1939/5/list", 5)]
    [TestCase(Pop3Fault.NoByteStuffing, "framing:pop3:unstuffed", "pop3/rfc1939/5/retr", 0)]
    public async Task Pop3BodyFraming_ReportedOnceByItsScenario(Pop3Fault fault, string key, string owner, int atLeast)
    {
        await using var fake = FakeTarget.Start(fault);
        var results = await RunCatalogAsync(fake, "pop3/");
        AssertOneCause(results, key, owner, Verdict.Fail, atLeast);
        Assert.That(results.Where(r => r.Result.Summary.StartsWith("delivery oracle", StringComparison.Ordinal)).Select(Describe), Is.Empty);
    }

    [Test]
    public async Task CorrectFake_NoCause_AttributionChangesNothing()
    {
        await using var fake = FakeTarget.Start(new FakeSmtpOptions { WithSink = true });
        var results = await RunCatalogAsync(fake, string.Empty);
        Assert.That(results.Where(r => r.Result.Cause is not null).Select(Describe), Is.Empty);
        Assert.That(CauseAttribution.Apply(results), Is.EqualTo(results));
    }

    [Test]
    public void Apply_OwnerNotInTheRun_FirstResultReportsTheCause()
    {
        var cause = ResultCause.Greeting("smtp", "554");
        var entries = new[] { "smtp/a", "smtp/b", "smtp/c" }
            .Select(id => new ReportEntry(InlineScenario.Create(id, "smtp", "S: 220\n", Level.Must, []), new ScenarioResult { ScenarioId = id, Target = "t", Verdict = Verdict.Fail, Summary = "expected 220, got 554", Cause = cause }))
            .ToList();
        var applied = CauseAttribution.Apply(entries);
        Assert.That(applied.Select(e => e.Result.Verdict), Is.EqualTo(new[] { Verdict.Fail, Verdict.Skip, Verdict.Skip }));
        Assert.That(applied[2].Result.Summary, Is.EqualTo("not graded: the SMTP server greets 554, see smtp/a"));
        Assert.That(CauseGroup.Of(applied.Select(e => e.Result)).Select(g => g.ToString()), Is.EqualTo(new[] { "2 scenario(s) not graded: the SMTP server greets 554, see smtp/a" }));
    }

    private static async Task<IReadOnlyList<ReportEntry>> RunCatalogAsync(FakeTarget fake, string prefix)
    {
        using var session = new TargetSession(fake.Target, Options, concurrency: 8);
        return await session.RunAllAsync([.. Catalog.Value.Where(s => s.Id.StartsWith(prefix, StringComparison.Ordinal))], null, CancellationToken.None);
    }

    /// <summary>Exactly one graded reporter of <paramref name="key"/> (the scenario about it), the others Skip and point to it.</summary>
    private static void AssertOneCause(IReadOnlyList<ReportEntry> results, string key, string owner, Verdict ownerVerdict, int atLeast)
    {
        var withCause = results.Where(r => r.Result.Cause?.Key == key).ToList();
        var owning = results.Single(r => r.Scenario.Id == owner);
        Assert.That(owning.Result.Verdict, Is.EqualTo(ownerVerdict), Describe(owning));
        Assert.That(owning.Result.Cause?.Key, Is.EqualTo(key), Describe(owning));
        var pointing = withCause.Where(r => r.Result.CauseReportedBy is not null).ToList();
        Assert.That(pointing.Count, Is.GreaterThanOrEqualTo(atLeast));
        Assert.That(pointing.Select(r => r.Result.Verdict), Is.All.EqualTo(Verdict.Skip));
        Assert.That(pointing.Select(r => r.Result.Summary), Is.All.EndsWith($", see {owner}"));
        Assert.That(
            withCause.Where(r => r.Result.CauseReportedBy is null).Select(r => r.Scenario.Id),
            Is.All.Matches<string>(id => CauseAttribution.IsAbout(id, owning.Result.Cause!)),
            "only scenarios about the cause grade it");
        Assert.That(CauseGroup.Of(results.Select(r => r.Result)).Count(g => g.Key == key), Is.EqualTo(pointing.Count > 0 ? 1 : 0), "one line per cause in the reports");
    }

    private static string Describe(ReportEntry entry) => $"{entry.Scenario.Id}: {entry.Result.Verdict} {entry.Result.Summary}";

}
