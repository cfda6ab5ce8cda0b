using ConformanceHarness.Cli;
using ConformanceHarness.Targets;

namespace ConformanceHarness.Tests.Cli;

/// <summary>A deviation or must_fail of the user's profile that matches no scenario is a profile error at file:line before the run (exit 2).</summary>
public sealed class ProfileErrorTests
{
    private TempCatalog catalog = null!;
    private string profile = null!;

    [SetUp]
    public void SetUp()
    {
        catalog = TempCatalog.Standard();
        // Beside the catalog, not in it (a .yaml in the catalog would be read as a scenario file).
        profile = catalog.Folder + "-my-server.yaml";
    }

    [TearDown]
    public void TearDown()
    {
        catalog.Dispose();
        File.Delete(profile);
    }

    private Task WriteProfileAsync(string deviation) => File.WriteAllTextAsync(profile, $$"""
        name: mine
        kind: live
        host: 127.0.0.1
        ports: { smtp: {{FreePort.Next()}} }
        deviations:
          - scenario: {{deviation}}
            rule: RFC 5321 §4.1.4
            why: known
        """);

    [TestCase("run")]
    [TestCase("compare")]
    public async Task DeviationMatchingNoScenario_IsAProfileErrorWithFileAndLine_BeforeTheRun_Exit2(string command)
    {
        await WriteProfileAsync("smtp/test/4.1.4/rcpt-befor-mail");
        var run = await CliRun.InvokeAsync(command, "--target", $"profile:{profile}", "--scenarios", catalog.Folder);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.Error.Trim(), Is.EqualTo($"error: {profile}:6: deviation 'smtp/test/4.1.4/rcpt-befor-mail' matches no scenario of the catalog (a typo, or a renamed scenario?)"));
        Assert.That(run.Out, Does.Not.Contain("could not be reached"), "nothing was contacted");
    }

    [Test]
    public async Task DeviationMatchingAScenario_IsNoError_TheRunGoesOn()
    {
        await WriteProfileAsync(TempCatalog.RcptBeforeMail);
        var run = await CliRun.InvokeAsync("run", "--target", $"profile:{profile}", "--scenarios", catalog.Folder, "--start-timeout", "1");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failures), "the run went on (and found the port closed): " + run);
        Assert.That(run.Error, Does.Not.Contain("matches no scenario"));
    }

    /// <summary>
    /// <c>run --select</c> reads only the catalog files under its prefix, but a profile file is checked against the whole
    /// catalog: a deviation naming a scenario outside the selection is no error, a typo still is.
    /// </summary>
    [Test]
    public async Task WithSelect_ADeviationOutsideTheSelection_IsNoError_ATypoStillIs()
    {
        await WriteProfileAsync(TempCatalog.RcptBeforeMail);
        var run = await CliRun.InvokeAsync("run", "--target", $"profile:{profile}", "--scenarios", catalog.Folder, "--select", TempCatalog.Greeting, "--start-timeout", "1");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failures), "the run went on (and found the port closed): " + run);
        Assert.That(run.Error, Does.Not.Contain("matches no scenario"));

        await WriteProfileAsync("smtp/test/4.1.4/rcpt-befor-mail");
        var typo = await CliRun.InvokeAsync("run", "--target", $"profile:{profile}", "--scenarios", catalog.Folder, "--select", TempCatalog.Greeting);
        Assert.That(typo.ExitCode, Is.EqualTo(ExitCodes.Usage), typo.ToString());
        Assert.That(typo.Error, Does.Contain("matches no scenario"));
    }
}
