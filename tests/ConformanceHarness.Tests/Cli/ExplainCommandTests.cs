using ConformanceHarness.Cli;

namespace ConformanceHarness.Tests.Cli;

public sealed class ExplainCommandTests
{
    private TempCatalog catalog = null!;

    [SetUp]
    public void SetUp() => catalog = TempCatalog.Standard();

    [TearDown]
    public void TearDown() => catalog.Dispose();

    [Test]
    public async Task Explain_KnownId_ShowsEverythingAndTheDialogueAsWritten_Exit0()
    {
        var run = await CliRun.InvokeAsync("explain", TempCatalog.RcptBeforeMail, "--scenarios", catalog.Folder);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        Assert.That(run.Out, Does.Contain("RCPT before MAIL is refused as a bad sequence"));
        Assert.That(run.Out, Does.Contain("RFC 5321 §4.1.4"));
        Assert.That(run.Out, Does.Contain("must"));
        Assert.That(run.Out, Does.Contain("state, command-order"));
        Assert.That(run.Out, Does.Contain("A 5xx other than 503 is tolerated."));
        Assert.That(run.Out, Does.Contain("the server MUST return a 503 reply"));
        Assert.That(run.Out, Does.Contain("C: RCPT TO:<{{user}}@{{domain}}>"));
        Assert.That(run.Out, Does.Contain("S: 503 else 5xx"));
    }

    [Test]
    public async Task Explain_UnknownId_IsUsageError_AndSuggestsNearIds_Exit2()
    {
        var run = await CliRun.InvokeAsync("explain", "rcpt-before", "--scenarios", catalog.Folder);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.Error, Does.Contain("did you mean").And.Contain(TempCatalog.RcptBeforeMail));
    }

    [Test]
    public async Task Explain_WithoutId_IsUsageError_Exit2()
    {
        var run = await CliRun.InvokeAsync("explain", "--scenarios", catalog.Folder);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
    }
}
