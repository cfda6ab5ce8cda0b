using System.Text.Json.Nodes;
using ConformanceHarness.Cli;
using ConformanceHarness.Dns;
using ConformanceHarness.Tests.Dns;

namespace ConformanceHarness.Tests.Cli;

/// <summary>A resolver or a host that never answers is an Error (exit 1), never a green run; a port the spec left out is said.</summary>
public sealed class UnansweredTests
{
    [Test]
    public async Task ProbeDomain_ResolverDoesNotAnswer_IsOneError_Exit1_NoHostContacted()
    {
        using var stub = UdpDnsStub.Silent();
        using var catalog = TempCatalog.Standard();
        var json = catalog.Output("probe.json");
        var run = await CliRun.InvokeAsync("probe", "--domain", "silent.example.test", "--resolver", $"127.0.0.1:{stub.Port}", "--delay", "0", "--json", json);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failures), run.ToString());
        Assert.That(run.Out, Does.Contain("the MX lookup of silent.example.test timed out: no answer from 127.0.0.1:" + stub.Port));
        Assert.That(run.Error, Does.Not.Contain("probing "), "no exchanger was probed");
        var results = JsonNode.Parse(await File.ReadAllTextAsync(json))!["results"]!.AsArray();
        Assert.That(results.Select(r => (string)r!["verdict"]!), Has.No.EqualTo("inconclusive"), "one cause, not every DNS check Inconclusive");
        Assert.That((string)results.Single(r => (string)r!["scenario"]! == DnsChecks.Exchangers)!["verdict"]!, Is.EqualTo("error"));
    }

    [TestCase("live:no-such-host.invalid", "live:no-such-host.invalid → port 25, the smtp default")]
    [TestCase("live:no-such-host.invalid/pop3", "live:no-such-host.invalid → port 110, the pop3 default")]
    public async Task LiveTargetWithoutPort_SaysWhichPortItUsed(string spec, string said)
    {
        using var catalog = TempCatalog.Standard();
        var run = await CliRun.InvokeAsync("run", "--target", spec, "--scenarios", catalog.Folder, "--start-timeout", "2");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failures), run.ToString());
        Assert.That(run.Error, Does.Contain(said));
    }

    [Test]
    public async Task LiveTargetWithPort_AssumesNothing()
    {
        using var catalog = TempCatalog.Standard();
        var run = await CliRun.InvokeAsync("run", "--target", "live:no-such-host.invalid:2525", "--scenarios", catalog.Folder, "--start-timeout", "2");
        Assert.That(run.Error, Does.Not.Contain("→ port"));
    }
}
