using ConformanceHarness.Running;
using ConformanceHarness.Scenarios;
using ConformanceHarness.Targets;

namespace ConformanceHarness.Tests.Containers;

/// <summary>
/// <c>dns: testdns</c> on a real target: the zone is started before it, the target resolves it (an SPF fail is refused
/// at RCPT), and both containers are gone after the target is disposed.
/// </summary>
[Category("Container")]
// It counts the containers this process owns before, during and after its target: alone, so that no other fixture
// starts or stops one meanwhile.
[NonParallelizable]
public sealed class TestDnsLaunchTests
{
    [Test]
    public async Task EnforcingExim_WithTheZone_RefusesSpfFail_ZoneRemovedWithTheTarget()
    {
        await using var launcher = new TargetLauncher(line => TestContext.Progress.WriteLine(line));
        var engine = await launcher.EngineAsync(CancellationToken.None);
        var before = await engine.CountOwnedAsync(CancellationToken.None);
        var scenario = ScenarioLoader.LoadDirectory(Path.Combine(RepositoryLayout.FindRoot()!, "scenarios")).Scenarios.Single(s => s.Id == "smtp/senderauth/spf/fail");

        var target = await launcher.StartAsync(BundledTargets.Load("exim-enforce"), CancellationToken.None);
        ScenarioResult result;
        int running;
        try
        {
            running = await engine.CountOwnedAsync(CancellationToken.None);
            result = await new ScenarioRunner(new RunOptions()).RunAsync(scenario, target, CancellationToken.None);
        }
        finally
        {
            await target.DisposeAsync();
        }

        Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), result.Summary + "\n" + result.RenderTranscript());
        Assert.That(result.Summary, Does.Contain("5.7.23"));
        Assert.That(running - before, Is.EqualTo(2), "the target and its test zone");
        Assert.That(await engine.CountOwnedAsync(CancellationToken.None), Is.EqualTo(before), "both removed after the target");
    }
}
