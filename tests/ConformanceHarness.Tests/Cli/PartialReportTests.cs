using System.Text.Json.Nodes;
using ConformanceHarness.Cli;
using ConformanceHarness.Tests.Fakes;

namespace ConformanceHarness.Tests.Cli;

/// <summary>Ctrl+C writes what finished, marked partial (JSON "partial": true, an HTML banner, a console line), and exits 130.</summary>
public sealed class PartialReportTests
{
    [Test]
    public async Task CancelledMidRun_WritesTheFinishedResults_MarkedPartial_Exit130()
    {
        using var catalog = TempCatalog.Greetings(3);
        // The live contact before "ready" is one session; the first scenario is the second; the others find no greeting.
        await using var server = new StallingServer(answered: 2);
        var json = catalog.Output("report.json");
        var html = catalog.Output("report.html");
        // Ctrl+C once the second scenario waits on a silent server (the first has finished): not after a fixed time,
        // which on a busy machine could come before the first result.
        using var cancel = new CancellationTokenSource();
        var running = CliRun.InvokeAsync(
            ["run", "--target", $"live:127.0.0.1:{server.Port}", "--scenarios", catalog.Folder, "--timeout", "60", "--json", json, "--html", html],
            host => host with { TerminationTimeout = null },
            cancel.Token);
        await server.Stalled.WaitAsync(TimeSpan.FromSeconds(50));
        await Task.Delay(200);
        await cancel.CancelAsync();
        var run = await running;
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Cancelled), run.ToString());
        Assert.That(run.Error, Does.Contain("interrupted: the reports hold only the 1 result(s) that finished (marked partial)"));
        var document = JsonNode.Parse(await File.ReadAllTextAsync(json))!;
        Assert.That((bool?)document["partial"], Is.True);
        Assert.That(document["results"]!.AsArray().Select(r => ((string)r!["scenario"]!, (string)r["verdict"]!)), Is.EqualTo(new[] { ("smtp/many/greeting-1", "pass") }));
        Assert.That(await File.ReadAllTextAsync(html), Does.Contain("partial report:</b> the run was interrupted"));
    }

    [Test]
    public async Task CompletedRun_IsNotMarkedPartial()
    {
        using var catalog = TempCatalog.Greetings(1);
        await using var server = new StallingServer(answered: 2);
        var json = catalog.Output("report.json");
        var run = await CliRun.InvokeAsync("run", "--target", $"live:127.0.0.1:{server.Port}", "--scenarios", catalog.Folder, "--json", json);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        Assert.That(JsonNode.Parse(await File.ReadAllTextAsync(json))!["partial"], Is.Null);
    }
}
