using System.Text.Json.Nodes;
using ConformanceHarness.Cli;

namespace ConformanceHarness.Tests.Cli;

/// <summary><c>compare</c> over a correct and a broken server: one matrix, one summary line per target.</summary>
public sealed class CompareCommandTests
{
    private TempCatalog catalog = null!;

    [SetUp]
    public void SetUp() => catalog = TempCatalog.Standard();

    [TearDown]
    public void TearDown() => catalog.Dispose();

    [Test]
    public async Task Compare_CorrectAndBroken_PrintsAMatrixAndASummaryPerTarget_Exit1()
    {
        await using var good = TinySmtpServer.StartCorrect();
        await using var bad = TinySmtpServer.StartBroken();
        var run = await CliRun.InvokeAsync("compare", "--target", good.Spec, "--target", bad.Spec, "--scenarios", catalog.Folder, "--timeout", "2");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failures), run.ToString());

        var header = run.Out.Split('\n').First(l => l.Contains("Scenario", StringComparison.Ordinal));
        Assert.That(header.IndexOf(good.Spec, StringComparison.Ordinal), Is.LessThan(header.IndexOf(bad.Spec, StringComparison.Ordinal)), "columns in the order given");

        var row = run.Out.Split('\n').Single(l => l.Contains(TempCatalog.RcptBeforeMail, StringComparison.Ordinal) && l.Contains('│'));
        Assert.That(row.IndexOf('✓'), Is.GreaterThan(0).And.LessThan(row.IndexOf('✗')), run.ToString());
        var greeting = run.Out.Split('\n').Single(l => l.Contains(TempCatalog.Greeting + " ", StringComparison.Ordinal) && l.Contains('│'));
        Assert.That(greeting.Count(c => c == '✓'), Is.EqualTo(2));
        Assert.That(run.Out, Does.Not.Contain(TempCatalog.Pop3Greeting), "SMTP targets are not graded on POP3 scenarios");

        Assert.That(run.Out, Does.Contain($"{good.Spec}  2 ✓ pass, 0 ✗ fail, 0 E error"));
        Assert.That(run.Out, Does.Contain($"{bad.Spec}  1 ✓ pass, 1 ✗ fail, 0 E error"));
        Assert.That(run.Out, Does.Contain("✓ pass").And.Contain("? inconclusive"), "the legend");
    }

    [Test]
    public async Task Compare_CorrectServers_Exit0_AndJsonHoldsEveryCell()
    {
        await using var first = TinySmtpServer.StartCorrect();
        await using var second = TinySmtpServer.StartCorrect();
        var json = Path.Combine(catalog.Folder, "out", "report.json");
        var run = await CliRun.InvokeAsync("compare", "-T", first.Spec, "-T", second.Spec, "--scenarios", catalog.Folder, "--json", json, "--concurrency", "2");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        var document = JsonNode.Parse(await File.ReadAllTextAsync(json))!;
        Assert.That(document["targets"]!.AsArray().Select(t => (string?)t!["name"]), Is.EqualTo(new[] { first.Spec, second.Spec }));
        Assert.That(document["results"]!.AsArray(), Has.Count.EqualTo(4));
        Assert.That(Reporting.ReportSchema.Validate(document), Is.Empty);
    }

    [Test]
    public async Task Compare_StartsEveryTarget_AndStopsEveryOne()
    {
        await using var first = TinySmtpServer.StartCorrect();
        await using var second = TinySmtpServer.StartBroken();
        var launcher = new RecordingLauncher();
        var run = await CliRun.InvokeAsync(
            ["compare", "-T", first.Spec, "-T", second.Spec, "--scenarios", catalog.Folder, "--timeout", "2"],
            host => host with { CreateLauncher = _ => launcher },
            CancellationToken.None);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failures), run.ToString());
        Assert.That(launcher.Started.Select(t => t.Name), Is.EquivalentTo(new[] { first.Spec, second.Spec }));
        Assert.That(launcher.Started.Select(t => t.Stopped), Has.All.True);
    }

    [Test]
    public async Task Compare_OneTargetDoesNotStart_TheOtherIsStillGraded()
    {
        await using var good = TinySmtpServer.StartCorrect();
        var launcher = new RecordingLauncher(p => p.Name.EndsWith(":1", StringComparison.Ordinal) ? new Targets.TargetStartException("nothing listens") : null);
        var run = await CliRun.InvokeAsync(
            ["compare", "-T", good.Spec, "-T", "live:127.0.0.1:1", "--scenarios", catalog.Folder, "--timeout", "2"],
            host => host with { CreateLauncher = _ => launcher },
            CancellationToken.None);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failures), run.ToString());
        Assert.That(run.Out, Does.Contain($"{good.Spec}  2 ✓ pass"));
        Assert.That(run.Out, Does.Contain("2 E error").And.Contain("did not start: nothing listens"));
    }
}
