using System.Globalization;
using System.Text.Json.Nodes;
using ConformanceHarness.Cli;
using ConformanceHarness.Tests.Fakes;

namespace ConformanceHarness.Tests.Cli;

/// <summary><c>probe HOST</c> on a loopback fake: the port from HOST:PORT or <c>--port</c>, <c>--mail-domain</c>, and the usage errors.</summary>
public sealed class ProbeCommandTests
{
    private string reports = null!;

    [SetUp]
    public void SetUp() => reports = Directory.CreateTempSubdirectory("probe-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(reports, recursive: true);

    private string JsonPath => Path.Combine(reports, "probe.json");

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    [TestCase(true)]
    [TestCase(false)]
    public async Task Probe_OneHost_PortFromHostOrOption_MailDomainInTheDialogue(bool portOption)
    {
        await using var fake = FakeTarget.Start(SmtpFault.None);
        var port = Text(fake.Smtp.Port);
        string[] where = portOption ? ["127.0.0.1", "--port", port] : [$"127.0.0.1:{port}"];
        var run = await CliRun.InvokeAsync(["probe", .. where, "--mail-domain", "mail.example.test", "--delay", "0", "--timeout", "5", "--json", JsonPath]);

        Assert.That(run.ExitCode, Is.Not.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(fake.Smtp.Connections, Is.Not.Empty);
        var json = JsonNode.Parse(await File.ReadAllTextAsync(JsonPath))!;
        Assert.That(json["targets"]!.AsArray().Select(t => (string)t!["name"]!), Is.EqualTo(new[] { $"live:127.0.0.1:{port}" }));
        var clientLines = json["results"]!.AsArray()
            .SelectMany(r => r!["transcript"]!.AsArray())
            .Where(l => (string?)l!["direction"] == "client")
            .Select(l => (string)l!["text"]!);
        Assert.That(clientLines, Has.Some.Contains("@mail.example.test>"), "--mail-domain is {{domain}}");
    }

    [TestCase("probe", "127.0.0.1", "--domain", "example.test")]
    [TestCase("probe", "127.0.0.1:25", "--port", "2525")]
    [TestCase("probe", "127.0.0.1", "--port", "0")]
    [TestCase("probe", "--domain", "example.test", "--port", "65536")]
    [TestCase("probe", "--domain", "example.test", "--resolver", "dns.example.test")]
    [TestCase("probe", "127.0.0.1", "--resolver", "127.0.0.1:53")]
    [TestCase("probe")]
    public async Task Probe_BadOptions_IsUsageError_NothingContacted(params string[] args)
    {
        var run = await CliRun.InvokeAsync(args);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.Error, Does.Contain("error:"));
        Assert.That(run.Error, Does.Not.Contain("probing").And.Not.Contain("looking up"));
    }
}
