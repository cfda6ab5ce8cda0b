using ConformanceHarness.Running;
using ConformanceHarness.Scenarios;
using ConformanceHarness.Targets;

namespace ConformanceHarness.Tests.Processes;

/// <summary>
/// A real SMTP server (Debian's python3-aiosmtpd) started as a process: target, the way a student's server is run:
/// free port substituted, ready at its greeting, graded, stopped with its children.
/// </summary>
[Category("Process")]
public sealed class AiosmtpdProcessTests
{
    private const string Python = "/usr/bin/python3";

    [OneTimeSetUp]
    public void RequireAiosmtpd()
    {
        using var check = System.Diagnostics.Process.Start(Python, ["-c", "import aiosmtpd"]);
        check.WaitForExit();
        Assert.That(check.ExitCode, Is.Zero, "these tests need Debian's python3-aiosmtpd: apt-get install python3-aiosmtpd (run.ps1 test installs it)");
    }

    [Test]
    public async Task ProcessTarget_Aiosmtpd_GreetsAndPassesTheFirstCatalog()
    {
        var profile = TargetResolver.Resolve($"process:{Python} -m aiosmtpd -n -l 127.0.0.1:{{port}}");
        await using var target = await ProcessTarget.StartAsync(profile, TimeSpan.FromSeconds(20), CancellationToken.None);
        var root = Path.Combine(RepositoryLayout.FindRoot()!, "scenarios");
        var (scenarios, _) = ScenarioLoader.LoadDirectory(root);
        string[] ids =
        [
            "smtp/rfc5321/4.3.1/greeting", "smtp/rfc5321/4.1.1.1/ehlo", "smtp/rfc5321/4.1.1.1/helo", "smtp/rfc5321/4.1.1.9/noop",
            "smtp/rfc5321/4.1.1.5/rset", "smtp/rfc5321/4.1.1.10/quit", "smtp/rfc5321/4.1.4/rcpt-before-mail",
        ];
        var runner = new ScenarioRunner();
        foreach (var id in ids)
        {
            var result = await runner.RunAsync(scenarios.Single(s => s.Id == id), target, CancellationToken.None);
            TestContext.Out.WriteLine($"{id}: {result.Verdict} {result.Summary}");
            Assert.That(result.Verdict, Is.AnyOf(Verdict.Pass, Verdict.Warn), $"{id}: {result.Summary}\n{result.RenderTranscript()}");
        }
    }

    [Test]
    public async Task ProcessTarget_Disposed_StopsTheServer()
    {
        var profile = TargetResolver.Resolve($"process:{Python} -m aiosmtpd -n -l 127.0.0.1:{{port}}");
        var target = await ProcessTarget.StartAsync(profile, TimeSpan.FromSeconds(20), CancellationToken.None);
        var endpoint = target.Roles["smtp"];
        await target.DisposeAsync();
        using var client = new System.Net.Sockets.TcpClient();
        Assert.That(async () => await client.ConnectAsync(endpoint.Host, endpoint.Port), Throws.InstanceOf<System.Net.Sockets.SocketException>(), "the server still listens after the target was stopped");
    }

    [Test]
    public void ProcessTarget_ExitsBeforeGreeting_ReportsItsOutput()
    {
        var profile = TargetResolver.Resolve($"process:{Python} -c \"import sys; print('cannot bind {{port}}'); sys.exit(3)\"");
        var error = Assert.ThrowsAsync<TargetStartException>(async () => await ProcessTarget.StartAsync(profile, TimeSpan.FromSeconds(10), CancellationToken.None));
        Assert.That(error!.Message, Does.Contain("exited with code 3").And.Contain("cannot bind"));
    }
}
