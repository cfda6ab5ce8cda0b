using System.Text.Json.Nodes;
using ConformanceHarness.Cli;
using ConformanceHarness.Tests.Cli;

namespace ConformanceHarness.Tests.Processes;

/// <summary>
/// A process: server that exits mid-run is one Error naming its exit code and last output, the scenarios after it are
/// "not run: the server exited (code N)" (Skip), not a row of "connection refused" errors; --restart-on-exit starts it again.
/// </summary>
public sealed class ServerExitTests
{
    private TempCatalog catalog = null!;
    private DyingServer server = null!;

    [SetUp]
    public void SetUp()
    {
        catalog = TempCatalog.Greetings(6);
        server = new DyingServer();
    }

    [TearDown]
    public void TearDown()
    {
        catalog.Dispose();
        server.Dispose();
    }

    private async Task<(CliRun Run, string[] Verdicts, JsonArray Results)> RunAsync(params string[] more)
    {
        var json = catalog.Output("report.json");
        // Three sessions: the readiness check and the first two scenarios.
        var run = await CliRun.InvokeAsync(["run", "--target", server.Spec(3), "--scenarios", catalog.Folder, "--concurrency", "1", "--timeout", "5", "--json", json, .. more]);
        var results = JsonNode.Parse(await File.ReadAllTextAsync(json))!["results"]!.AsArray();
        return (run, results.Select(r => (string)r!["verdict"]!).ToArray(), results);
    }

    [Test]
    public async Task ServerExitsMidRun_IsOneErrorWithCodeAndLastOutput_TheRestNotRun_Exit1()
    {
        var (run, verdicts, results) = await RunAsync();
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failures), run.ToString());
        Assert.That(verdicts, Is.EqualTo(new[] { "pass", "pass", "error", "skip", "skip", "skip" }), run.ToString());
        Assert.That((string)results[2]!["summary"]!, Does.StartWith("the server exited (code 3)"));
        Assert.That((string)results[2]!["actual"]!, Is.EqualTo("exit code 3; its last output:\nstarting shutdown\nfatal: out of sessions after 3"));
        Assert.That(results.Skip(3).Select(r => (string)r!["summary"]!), Is.All.EqualTo("not run: the server exited (code 3)"));
        Assert.That(run.Out, Does.Contain("fatal: out of sessions after 3"));
        Assert.That(run.Out, Does.Contain("2 ✓ pass, 0 ✗ fail, 3 - skip, 1 E error"), "one cause, not one connection error per scenario");
    }

    [Test]
    public async Task ServerExitsMidRun_WithRestartOnExit_IsStartedAgain_AndTheRunGoesOn()
    {
        var (run, verdicts, results) = await RunAsync("--restart-on-exit");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failures), run.ToString());
        Assert.That(verdicts, Is.EqualTo(new[] { "pass", "pass", "error", "pass", "pass", "error" }), run.ToString());
        Assert.That((string)results[2]!["summary"]!, Does.StartWith("the server exited (code 3)").And.Contain("restarted it for the next scenarios"));
    }
}
