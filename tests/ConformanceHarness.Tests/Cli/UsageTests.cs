using ConformanceHarness.Cli;

namespace ConformanceHarness.Tests.Cli;

/// <summary>Exit code 2 for everything the user has to change, 0 for help and version.</summary>
public sealed class UsageTests
{
    private TempCatalog catalog = null!;

    [SetUp]
    public void SetUp() => catalog = TempCatalog.Standard();

    [TearDown]
    public void TearDown() => catalog.Dispose();

    [Test]
    public async Task UnknownOption_IsUsageError_Exit2()
    {
        var run = await CliRun.InvokeAsync("list", "--bogus", "--scenarios", catalog.Folder);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.Error, Does.Contain("--bogus"));
        Assert.That(run.Error, Does.Contain("conformance-harness list --help"));
    }

    [Test]
    public async Task NoCommand_IsUsageError_Exit2()
    {
        var run = await CliRun.InvokeAsync();
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
    }

    [Test]
    public async Task Run_WithoutTarget_IsUsageError_Exit2()
    {
        var run = await CliRun.InvokeAsync("run", "--scenarios", catalog.Folder);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.Error, Does.Contain("--target"));
    }

    [TestCase("nonsense")]
    [TestCase("ftp:host:21")]
    [TestCase("live:127.0.0.1:99999")]
    [TestCase("live:127.0.0.1:25/imap")]
    [TestCase("process:my-server --no-port")]
    [TestCase("process:sh -c true")]
    public async Task Run_WithBadTargetSpec_IsUsageError_Exit2(string spec)
    {
        var run = await CliRun.InvokeAsync("run", "--target", spec, "--scenarios", catalog.Folder);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.Error, Does.Contain("error:"));
    }

    [TestCase("process:/nonexistent --port {port}", "'/nonexistent' does not exist")]
    [TestCase("process:no-such-server-program {port}", "'no-such-server-program' is not a file and is on no folder of PATH")]
    [TestCase("process:sh -c true", "has no {port}")]
    public async Task Run_WithProcessTarget_SaysTheFirstProblem(string spec, string message)
    {
        var run = await CliRun.InvokeAsync("run", "--target", spec, "--scenarios", catalog.Folder);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.Error, Does.Contain(message));
    }

    [Test]
    public async Task Run_WithBadLevel_IsUsageError_Exit2()
    {
        var run = await CliRun.InvokeAsync("run", "--target", "live:127.0.0.1:25", "--level", "may", "--scenarios", catalog.Folder);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.Error, Does.Contain("may"));
    }

    [TestCase("0")]
    [TestCase("-3")]
    [TestCase("soon")]
    public async Task Run_WithBadTimeout_IsUsageError_Exit2(string timeout)
    {
        var run = await CliRun.InvokeAsync("run", "--target", "live:127.0.0.1:25", "--timeout", timeout, "--scenarios", catalog.Folder);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
    }

    /// <summary>
    /// Below Polly's 10 ms minimum: this used to pass the parser and end as a harness Error on every scenario once Polly
    /// refused it. Now the option's own range is the usage error, one line naming the flag, the range and the value.
    /// </summary>
    [TestCase("run", "0.005")]
    [TestCase("compare", "0.005")]
    [TestCase("run", "3601")]
    public async Task Run_TimeoutOutsideTheStepTimeoutRange_IsOneLineUsageError_Exit2(string command, string timeout)
    {
        var run = await CliRun.InvokeAsync(command, "--target", "live:127.0.0.1:25", "--timeout", timeout, "--scenarios", catalog.Folder);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.Error, Does.Contain($"--timeout must be from 0.01 to 3600 seconds (got {timeout})"));
    }

    [Test]
    public async Task Probe_TimeoutBelowTheStepTimeoutRange_IsUsageError_Exit2()
    {
        var run = await CliRun.InvokeAsync("probe", "127.0.0.1:1", "--delay", "0", "--timeout", "0.005");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.Error, Does.Contain("--timeout must be from 0.01 to 3600 seconds (got 0.005)"));
        Assert.That(run.Error, Does.Not.Contain("probing"));
    }

    [Test]
    public async Task Run_SelectingNothing_IsUsageError_Exit2()
    {
        var run = await CliRun.InvokeAsync("run", "--target", "live:127.0.0.1:25", "--select", "smtp/nothing-here", "--scenarios", catalog.Folder);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.Error, Does.Contain("--select smtp/nothing-here"));
    }

    [Test]
    public async Task Run_SelectionWithNoScenarioForTheTargetsProtocol_IsUsageError_Exit2()
    {
        var run = await CliRun.InvokeAsync("run", "--target", "live:127.0.0.1:25", "--select", "pop3/", "--scenarios", catalog.Folder);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.Error, Does.Contain("protocols"));
    }

    [Test]
    public async Task Compare_WithoutTargets_IsUsageError_Exit2()
    {
        var run = await CliRun.InvokeAsync("compare", "--scenarios", catalog.Folder);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.Error, Does.Contain("--bundled"));
    }

    [Test]
    public async Task MissingScenarioFolder_IsUsageError_Exit2()
    {
        var run = await CliRun.InvokeAsync("list", "--scenarios", Path.Combine(catalog.Folder, "absent"));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.Error, Does.Contain("does not exist"));
    }

    [Test]
    public async Task Help_ShowsCommandsAndExamples_Exit0()
    {
        var run = await CliRun.InvokeAsync("--help");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        Assert.That(run.Out, Does.Contain("run").And.Contain("compare").And.Contain("list").And.Contain("explain"));
        Assert.That(run.Out, Does.Contain("Examples:"));
    }

    [Test]
    public async Task RunHelp_ShowsItsOptionsAndExamples_Exit0()
    {
        var run = await CliRun.InvokeAsync("run", "--help");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        Assert.That(run.Out, Does.Contain("--target").And.Contain("--junit").And.Contain("--scenarios"));
        Assert.That(run.Out, Does.Contain("conformance-harness run --target live:127.0.0.1:2525"));
    }

    [Test]
    public async Task Version_PrintsTheVersion_Exit0()
    {
        var run = await CliRun.InvokeAsync("--version");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        Assert.That(run.Out, Does.Match(@"^\d+\.\d+\.\d+"));
    }
}
