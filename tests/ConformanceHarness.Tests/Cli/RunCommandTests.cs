using System.Text.Json.Nodes;
using System.Xml.Linq;
using ConformanceHarness.Cli;
using ConformanceHarness.Targets;

namespace ConformanceHarness.Tests.Cli;

/// <summary><c>run</c> against a tiny SMTP server on loopback: a correct one passes (exit 0), a broken one fails (exit 1).</summary>
public sealed class RunCommandTests
{
    private TempCatalog catalog = null!;
    private string reports = null!;

    [SetUp]
    public void SetUp()
    {
        catalog = TempCatalog.Standard();
        reports = Path.Combine(catalog.Folder, "..", Path.GetFileName(catalog.Folder) + "-reports");
    }

    [TearDown]
    public void TearDown()
    {
        catalog.Dispose();
        if (Directory.Exists(reports))
        {
            Directory.Delete(reports, recursive: true);
        }
    }

    private string[] Args(TinySmtpServer server, params string[] more) =>
        ["run", "--target", server.Spec, "--scenarios", catalog.Folder, "--timeout", "2", .. more];

    [Test]
    public async Task Run_CorrectServer_EveryScenarioPasses_Exit0()
    {
        await using var server = TinySmtpServer.StartCorrect();
        var run = await CliRun.InvokeAsync(Args(server));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        Assert.That(run.Out, Does.Contain(TempCatalog.Greeting).And.Contain(TempCatalog.RcptBeforeMail));
        Assert.That(run.Out, Does.Contain("2 ✓ pass, 0 ✗ fail, 0 E error"));
        Assert.That(run.Out, Does.Not.Contain(TempCatalog.Pop3Greeting), "a live SMTP target is graded on SMTP scenarios only");
        Assert.That(run.Out, Does.Not.Contain("transcript:"), "passes show no evidence without --verbose");
    }

    [TestCase("refused")]
    [TestCase("unresolvable")]
    [TestCase("silent")]
    public async Task Run_LiveTargetNeverContacted_IsOneErrorPerScenario_Exit1_AndNeverReady(string how)
    {
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        using var refused = new ConformanceHarness.Tests.Support.RefusedPort();
        var spec = how switch
        {
            "refused" => $"live:127.0.0.1:{refused.Port}",
            "unresolvable" => "live:no-such-host.invalid:25",
            _ => $"live:127.0.0.1:{((System.Net.IPEndPoint)silent.LocalEndpoint).Port}",
        };
        var run = await CliRun.InvokeAsync("run", "--target", spec, "--scenarios", catalog.Folder, "--select", TempCatalog.Greeting);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failures), run.ToString());
        Assert.That(run.Out + run.Error, Does.Contain("could not be reached").Or.Contain("sent no greeting"));
        Assert.That(run.Out, Does.Not.Contain("is ready").And.Not.Contain("inconclusive"));
    }

    [Test]
    public async Task Run_BrokenServer_FailsWithExpectedActualAndTranscript_Exit1()
    {
        await using var server = TinySmtpServer.StartBroken();
        var run = await CliRun.InvokeAsync(Args(server));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failures), run.ToString());
        Assert.That(run.Out, Does.Contain("✗ fail"));
        Assert.That(run.Out, Does.Contain("expected:").And.Contain("503"));
        Assert.That(run.Out, Does.Contain("actual:").And.Contain("250 2.1.5 Ok"));
        Assert.That(run.Out, Does.Contain($"{catalog.PathOf(TempCatalog.RcptBeforeMail)}:12"), "the line of the scenario file that decided");
        Assert.That(run.Out, Does.Contain("transcript:"));
        Assert.That(run.Out, Does.Contain("C: RCPT TO:<alice@example.test>⏎"));
        Assert.That(run.Out, Does.Contain("S: 250 2.1.5 Ok⏎"));
        Assert.That(run.Out, Does.Contain("1 ✓ pass, 1 ✗ fail"));
    }

    [Test]
    public async Task Run_BrokenServer_WithTheFailRecordedAsADeviationInItsProfile_Exit0()
    {
        await using var server = TinySmtpServer.StartBroken();
        var profile = Path.Combine(catalog.Folder, "..", Path.GetFileName(catalog.Folder) + "-profile.yaml");
        await File.WriteAllTextAsync(profile, """
            name: tiny
            kind: live
            deviations:
              - scenario: smtp/test/4.1.4/*
                rule: RFC 5321 §4.1.4
                why: this server accepts commands in any order, and we know
            """);
        try
        {
            var run = await CliRun.InvokeAsync(Args(server, "--profile", profile));
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
            Assert.That(run.Out, Does.Contain("✗ fail").And.Contain("(known deviation)"));
            Assert.That(run.Out, Does.Contain("deviation:").And.Contain("we know"));
            Assert.That(run.Out, Does.Contain("1 fail(s) foreseen by the profile"));
        }
        finally
        {
            File.Delete(profile);
        }
    }

    [Test]
    public async Task Run_Redirected_PrintsOnePlainLinePerFinishedScenario()
    {
        await using var server = TinySmtpServer.StartCorrect();
        var run = await CliRun.InvokeAsync(Args(server));
        var lines = run.Out.Split('\n').Where(l => l.StartsWith("[1/2]", StringComparison.Ordinal) || l.StartsWith("[2/2]", StringComparison.Ordinal)).ToList();
        Assert.That(lines, Has.Count.EqualTo(2), run.ToString());
        Assert.That(lines, Has.All.Contain("✓ pass").And.All.Contain($"@ {server.Spec}"));
    }

    [Test]
    public async Task Run_Verbose_ShowsTheTranscriptOfPassesToo()
    {
        await using var server = TinySmtpServer.StartCorrect();
        var run = await CliRun.InvokeAsync(Args(server, "--verbose"));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        Assert.That(run.Out, Does.Contain("transcript:"));
        Assert.That(run.Out, Does.Contain("S: 220 tiny.example.test ESMTP⏎"));
    }

    [Test]
    public async Task Run_IdentityOptions_OverrideTheProfilesUserAndDomain()
    {
        await using var server = TinySmtpServer.StartBroken();
        var run = await CliRun.InvokeAsync(Args(server, "--user", "bob", "--domain", "example.org", "--select", TempCatalog.RcptBeforeMail));
        Assert.That(run.Out, Does.Contain("C: RCPT TO:<bob@example.org>⏎"), run.ToString());
    }

    [Test]
    public async Task Run_WithJUnitAndJson_WritesBothReports()
    {
        await using var server = TinySmtpServer.StartBroken();
        var junit = Path.Combine(reports, "nested", "junit.xml");
        var json = Path.Combine(reports, "report.json");
        var run = await CliRun.InvokeAsync(Args(server, "--junit", junit, "--json", json));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failures), run.ToString());

        var xml = XDocument.Load(junit);
        var cases = xml.Descendants("testcase").ToList();
        Assert.That(cases, Has.Count.EqualTo(2));
        Assert.That(cases.Select(c => (string?)c.Attribute("classname")), Has.All.EqualTo(server.Spec));
        Assert.That(xml.Descendants("failure").Count(), Is.EqualTo(1));
        Assert.That((string?)xml.Root!.Attribute("failures"), Is.EqualTo("1"));

        var document = JsonNode.Parse(await File.ReadAllTextAsync(json))!;
        Assert.That((string?)document["schema"], Is.EqualTo("conformance-harness/report/v1"));
        Assert.That(document["results"]!.AsArray(), Has.Count.EqualTo(2));
        Assert.That(Reporting.ReportSchema.Validate(document), Is.Empty);
    }

    [Test]
    public async Task Run_ProcessTarget_StartsOnAFreePort_IsGraded_AndStopped()
    {
        // Python's smtpd module (3.11 and older) is a small, correct SMTP server that takes its address on the command line.
        Assume.That(await PythonSmtpdAvailableAsync(), Is.True, "needs python3 with the smtpd module");
        var run = await CliRun.InvokeAsync("run", "--target", "process:python3 -W ignore -m smtpd -n -c DebuggingServer 127.0.0.1:{port}", "--scenarios", catalog.Folder, "--select", TempCatalog.Greeting);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        Assert.That(run.Out, Does.Contain("target process:python3 is ready"));
        Assert.That(run.Out, Does.Contain("1 ✓ pass"));
    }

    private static async Task<bool> PythonSmtpdAvailableAsync()
    {
        try
        {
            using var python = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("python3", ["-W", "ignore", "-c", "import smtpd"]) { RedirectStandardError = true, RedirectStandardOutput = true });
            if (python is null)
            {
                return false;
            }

            await python.WaitForExitAsync();
            return python.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    [Test]
    public async Task Run_TargetThatDoesNotStart_IsAnErrorOnEveryScenario_SaidOnce_Exit1()
    {
        var launcher = new RecordingLauncher(_ => new TargetStartException("'./server' exited with code 3 before greeting\nIts output:\nno config"));
        var json = Path.Combine(reports, "report.json");
        var run = await CliRun.InvokeAsync(
            ["run", "--target", "live:127.0.0.1:2525", "--scenarios", catalog.Folder, "--json", json],
            host => host with { CreateLauncher = _ => launcher },
            CancellationToken.None);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failures), run.ToString());
        Assert.That(run.Out, Does.Contain("did not start").And.Contain("no config"));
        var document = JsonNode.Parse(await File.ReadAllTextAsync(json))!;
        Assert.That(document["results"]!.AsArray().Select(r => (string?)r!["verdict"]), Is.EqualTo(new[] { "error", "error" }));
        Assert.That((string?)document["targets"]![0]!["startError"], Does.Contain("exited with code 3"));
    }

    [Test]
    public async Task Run_CancelledWhileRunning_StopsTheTarget_Exit130()
    {
        await using var server = TinySmtpServer.StartSilent();
        var launcher = new RecordingLauncher();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var run = await CliRun.InvokeAsync(
            ["run", "--target", server.Spec, "--scenarios", catalog.Folder, "--timeout", "60"],
            host => host with { CreateLauncher = _ => launcher, TerminationTimeout = null },
            cancel.Token);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Cancelled), run.ToString());
        Assert.That(launcher.Started, Has.Count.EqualTo(1));
        Assert.That(launcher.Started[0].Stopped, Is.True, "a cancelled run still stops what it launched");
        Assert.That(run.Error, Does.Contain("cancelled"));
    }
}
