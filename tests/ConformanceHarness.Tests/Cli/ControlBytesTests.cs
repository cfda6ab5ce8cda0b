using ConformanceHarness.Cli;
using ConformanceHarness.Running;
using ConformanceHarness.Tests.Fakes;

namespace ConformanceHarness.Tests.Cli;

/// <summary>A reply's raw control bytes reach neither the terminal nor any report: they are shown as the transcript shows them.</summary>
public sealed class ControlBytesTests
{
    [Test]
    public async Task ReplyWithTerminalEscape_ReachesNoOutputRaw_AndIsShownEscaped()
    {
        using var catalog = TempCatalog.Standard();
        await using var server = new TitleSettingServer();
        var json = catalog.Output("report.json");
        var html = catalog.Output("report.html");
        var junit = catalog.Output("junit.xml");
        var sarif = catalog.Output("report.sarif");
        var run = await CliRun.InvokeAsync(
            "run", "--target", $"live:127.0.0.1:{server.Port}", "--scenarios", catalog.Folder, "--timeout", "2", "--verbose",
            "--json", json, "--html", html, "--junit", junit, "--sarif", sarif);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failures), "RCPT before MAIL accepted: " + run);
        Assert.That(run.Out, Does.Contain($"250 {TitleSettingServer.Shown} ok"), "the Fail quotes the reply, escaped");
        foreach (var (name, text) in new[] { ("stdout", run.Out), ("stderr", run.Error), ("json", await File.ReadAllTextAsync(json)), ("html", await File.ReadAllTextAsync(html)), ("junit", await File.ReadAllTextAsync(junit)), ("sarif", await File.ReadAllTextAsync(sarif)) })
        {
            Assert.That(text, Does.Not.Contain("\u001b").And.Not.Contain("\u0007"), name);
            Assert.That(text, Does.Not.Contain("\\u001b").IgnoreCase.And.Not.Contain("\\u0007"), $"{name}: not even JSON-escaped");
        }
    }

    [Test]
    public void ScenarioResult_EscapesControlCharacters_InEveryTextItQuotes_KeepingLineBreaks()
    {
        var result = new ScenarioResult
        {
            ScenarioId = "x",
            Target = "t",
            Verdict = Verdict.Fail,
            Summary = $"got {TitleSettingServer.Escape}",
            Expected = "\u009b31m",
            Actual = "250 a\rb\nc\td\u007f",
            Notes = [TitleSettingServer.Escape],
            Finding = "\u0000",
        };
        Assert.That(result.Summary, Is.EqualTo($"got {TitleSettingServer.Shown}"));
        Assert.That(result.Expected, Is.EqualTo("\\x9B31m"));
        Assert.That(result.Actual, Is.EqualTo("250 a\\rb\nc\td\\x7F"));
        Assert.That(result.Notes, Is.EqualTo(new[] { TitleSettingServer.Shown }));
        Assert.That(result.Finding, Is.EqualTo("\\x00"));
    }
}
