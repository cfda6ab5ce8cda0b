using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ConformanceHarness.Cli;

namespace ConformanceHarness.Tests.Cli;

/// <summary><c>--start-timeout SECONDS</c>: how long a process: target or a live server may take to greet, checked like every seconds option.</summary>
public sealed class StartTimeoutTests
{
    private TempCatalog catalog = null!;

    [SetUp]
    public void SetUp() => catalog = TempCatalog.Standard();

    [TearDown]
    public void TearDown() => catalog.Dispose();

    [Test]
    public async Task ProcessThatNeverOpensItsPort_GivesUpAtTheStartTimeout_Error_Exit1()
    {
        var clock = Stopwatch.StartNew();
        var run = await CliRun.InvokeAsync("run", "--target", "process:sleep 60 # {port}", "--scenarios", catalog.Folder, "--select", TempCatalog.Greeting, "--start-timeout", "1");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failures), run.ToString());
        Assert.That(run.Out, Does.Contain("smtp at 127.0.0.1:").And.Contain("did not greet within 1s (waited for a connection to be accepted and a greeting to be read)"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(15)), "the default (30 s) was not used");
    }

    [Test]
    public async Task LiveServerThatNeverGreets_GivesUpAtTheStartTimeout_Error_Exit1()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var clock = Stopwatch.StartNew();
        var run = await CliRun.InvokeAsync("run", "--target", $"live:127.0.0.1:{port}", "--scenarios", catalog.Folder, "--select", TempCatalog.Greeting, "--start-timeout", "1.5");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failures), run.ToString());
        Assert.That(run.Out, Does.Contain($"smtp at 127.0.0.1:{port} accepted the connection but sent no greeting within 1.5s"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(15)));
    }

    [TestCase("run", "abc", "--start-timeout expects a number of seconds, got 'abc'")]
    [TestCase("compare", "0.01", "--start-timeout must be from 0.1 to 3600 seconds (got 0.01)")]
    [TestCase("run", "7200", "--start-timeout must be from 0.1 to 3600 seconds (got 7200)")]
    public async Task BadStartTimeout_IsOneLineUsageError_Exit2(string command, string value, string message)
    {
        var run = await CliRun.InvokeAsync(command, "--target", "live:127.0.0.1:25", "--start-timeout", value, "--scenarios", catalog.Folder);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.Error, Does.Contain(message));
        Assert.That(run.Error, Does.Not.Contain("System."));
    }

    [TestCase("run", "--timeout")]
    [TestCase("probe", "--timeout")]
    [TestCase("probe", "--delay")]
    [TestCase("probe", "--greeting-timeout")]
    public async Task SecondsOptionGivenAWord_SaysItExpectsANumberOfSeconds_NotADotNetType(string command, string flag)
    {
        string[] args = command == "run"
            ? ["run", "--target", "live:127.0.0.1:25", flag, "abc", "--scenarios", catalog.Folder]
            : ["probe", "127.0.0.1:1", flag, "abc"];
        var run = await CliRun.InvokeAsync(args);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.Error, Does.Contain($"{flag} expects a number of seconds, got 'abc'"));
        Assert.That(run.Error, Does.Not.Contain("System.Nullable"));
    }
}
