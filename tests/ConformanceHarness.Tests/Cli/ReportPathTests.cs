using ConformanceHarness.Cli;
using ConformanceHarness.Targets;

namespace ConformanceHarness.Tests.Cli;

/// <summary>
/// Every report path is checked before the run (exit 2, one line, nothing contacted); a report that fails while being
/// written loses none of the others; the HTML report's path is the last line printed.
/// </summary>
public sealed class ReportPathTests
{
    private TempCatalog catalog = null!;

    [SetUp]
    public void SetUp() => catalog = TempCatalog.Standard();

    [TearDown]
    public void TearDown() => catalog.Dispose();

    /// <summary>A refused port: were the target contacted, the run would end exit 1 ("could not be reached"), not 2.</summary>
    private string[] Run(params string[] more) =>
        ["run", "--target", $"live:127.0.0.1:{FreePort.Next()}", "--scenarios", catalog.Folder, .. more];

    [Test]
    public async Task ReportPathIsADirectory_IsUsageErrorBeforeTheRun_Exit2()
    {
        var run = await CliRun.InvokeAsync(Run("--json", catalog.Folder));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.Error.Trim(), Is.EqualTo($"error: --json {catalog.Folder} is a directory"));
        Assert.That(run.Out, Does.Not.Contain("could not be reached"));
    }

    [Test]
    public async Task ReportPathUnderAFile_IsUsageErrorBeforeTheRun_Exit2()
    {
        var file = Path.Combine(catalog.Folder, "a-file");
        await File.WriteAllTextAsync(file, "x");
        var run = await CliRun.InvokeAsync(Run("--html", Path.Combine(file, "x.html")));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.Error.Trim(), Is.EqualTo($"error: --html {Path.Combine(file, "x.html")}: {file} is a file, not a directory"));
    }

    [TestCase("--html")]
    [TestCase("--sarif")]
    [TestCase("--junit")]
    public async Task ReportPathInProc_IsUsageErrorBeforeTheRun_Exit2(string flag)
    {
        Assume.That(Directory.Exists("/proc"), "needs /proc");
        var run = await CliRun.InvokeAsync(Run(flag, "/proc/x.html"));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.Error, Does.StartWith($"error: {flag} /proc/x.html: cannot be written ("));
        Assert.That(run.Error.Trim().Split('\n'), Has.Length.EqualTo(1), "one line");
        Assert.That(File.Exists("/proc/x.html"), Is.False);
    }

    [Test]
    public async Task NewReportPath_IsCheckedWithoutLeavingAFileOrFolderBehind()
    {
        var json = Path.Combine(catalog.Folder, "new", "deeper", "report.json");
        var run = await CliRun.InvokeAsync(["run", "--target", "live:127.0.0.1:25", "--timeout", "abc", "--json", json, "--scenarios", catalog.Folder]);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(Directory.Exists(Path.Combine(catalog.Folder, "new")), Is.False);
        Assert.That(ConformanceHarness.Reporting.ReportFiles.Problem(json), Is.Null);
        Assert.That(Directory.Exists(Path.Combine(catalog.Folder, "new")), Is.False, "the check creates no folder");
        Assert.That(Directory.GetFiles(catalog.Folder), Is.Empty, "the check leaves no probe file");
    }

    [Test]
    public async Task OneReportFailsWhileBeingWritten_TheOthersAreWritten_Exit1_HtmlPathLast()
    {
        Assume.That(File.Exists("/dev/full"), "needs /dev/full (every write fails: no space left on device)");
        await using var server = TinySmtpServer.StartCorrect();
        var json = catalog.Output("report.json");
        var html = catalog.Output("report.html");
        var sarif = catalog.Output("report.sarif");
        var run = await CliRun.InvokeAsync("run", "--target", server.Spec, "--scenarios", catalog.Folder, "--timeout", "2", "--junit", "/dev/full", "--json", json, "--sarif", sarif, "--html", html);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failures), "every scenario passed, but a report is missing: " + run);
        Assert.That(run.Error, Does.Contain("error: the JUnit report could not be written to /dev/full: "));
        Assert.That(File.Exists(json) && File.Exists(html) && File.Exists(sarif), Is.True, "the reports after the failed one are written");
        Assert.That(run.Out.TrimEnd().Split('\n')[^1], Is.EqualTo($"HTML report: {Path.GetFullPath(html)}"));
    }

    [Test]
    public async Task Merge_OfAFileThatIsNotJson_SaysItIsNotAReport_WithTheLine_Exit2()
    {
        var file = Path.Combine(catalog.Folder, "notes.txt");
        await File.WriteAllTextAsync(file, "{\n  \"schema\": \"conformance-harness/report/v1\",\n  oops\n}\n");
        var run = await CliRun.InvokeAsync("merge", file, "--json", catalog.Output("merged.json"));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.Error.Trim(), Is.EqualTo($"error: {file} is not a report (not JSON: line 3)"));
    }

    [Test]
    public async Task Merge_WithAnUnwritableOutput_IsUsageErrorBeforeReadingTheReports_Exit2()
    {
        var run = await CliRun.InvokeAsync("merge", Path.Combine(catalog.Folder, "missing.json"), "--html", catalog.Folder);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.Error.Trim(), Is.EqualTo($"error: --html {catalog.Folder} is a directory"));
    }
}
