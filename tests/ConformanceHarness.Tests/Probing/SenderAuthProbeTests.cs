using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ConformanceHarness.Cli;
using ConformanceHarness.Probing;
using ConformanceHarness.Running;
using ConformanceHarness.Scenarios;
using ConformanceHarness.Tests.Cli;
using ConformanceHarness.Tests.Fakes;
using ConformanceHarness.Tests.Support;
using ConformanceHarness.Wire;

namespace ConformanceHarness.Tests.Probing;

/// <summary>
/// <c>probe --sender-auth</c>: opt-in; the forged envelope sender is in the server's own --mail-domain; no DATA (so no
/// forged message) unless every recipient is the --confirm-to mailbox; without the option no forged sender is ever given.
/// </summary>
public sealed class SenderAuthProbeTests
{
    private static readonly Lazy<IReadOnlyList<Scenario>> Catalog = new(() => ScenarioLoader.LoadDirectory(Path.Combine(Targets.RepositoryLayout.FindRoot()!, "scenarios")).Scenarios);

    private static ProbeOptions Options(int port, string? confirmTo = null) =>
        PoliteProbeTests.Options(port, confirmTo) with { ConfirmWithin = TimeSpan.FromSeconds(2), SenderAuth = true };

    private static List<string> ClientLines(ScenarioResult result) =>
        [.. result.Transcript.Where(t => t.Direction == TranscriptDirection.Client).SelectMany(t => Encoding.Latin1.GetString(t.Bytes).Split("\r\n")).Where(l => l.Length > 0)];

    [Test]
    public void Selection_WithoutTheOption_NoSenderAuthScenario_WithIt_OnlyTheLiveOnes()
    {
        var without = Probe.Select(Catalog.Value).Select(s => s.Id).ToList();
        var with = Probe.Select(Catalog.Value, senderAuth: true).Select(s => s.Id).ToList();

        Assert.That(without, Has.None.StartsWith("smtp/senderauth/"));
        Assert.That(with.Where(id => id.StartsWith("smtp/senderauth/", StringComparison.Ordinal)), Is.EquivalentTo(Probe.LiveSenderAuth));
    }

    [Test]
    public async Task AcceptingServer_NoConfirmTo_FindingAtRcpt_ForgedSenderInTheMailDomain_NoDataSent()
    {
        await using var fake = FakeTarget.Start();
        var report = await Probe.RunAsync(Options(fake.Smtp.Port), Probe.Select(Catalog.Value, senderAuth: true).Where(s => Probe.LiveSenderAuth.Contains(s.Id)).ToList());
        var result = report.Entries.Single().Result;
        var lines = ClientLines(result);

        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict, Is.EqualTo(Verdict.Fail), InlineScenario.Explain(result));
            Assert.That(result.Finding, Does.Contain("SPF"));
            Assert.That(lines, Has.Some.EqualTo("MAIL FROM:<forger@example.test>"));
            Assert.That(lines, Has.None.EqualTo("DATA"));
            Assert.That(fake.Smtp.Accepted, Is.Empty, "a forged message reached the server");
        });
    }

    [Test]
    public async Task RefusingServer_Passes()
    {
        await using var fake = FakeTarget.Start(new FakeSmtpOptions { ScriptedReplies = new Dictionary<string, string> { ["after-mail RCPT"] = "550 5.7.23 SPF fail" } });
        var report = await Probe.RunAsync(Options(fake.Smtp.Port), Probe.Select(Catalog.Value, senderAuth: true).Where(s => Probe.LiveSenderAuth.Contains(s.Id)).ToList());

        Assert.That(report.Entries.Single().Result.Verdict, Is.EqualTo(Verdict.Pass), InlineScenario.Explain(report.Entries.Single().Result));
    }

    [Test]
    public async Task AcceptingServer_ConfirmToIsTheRecipient_MessageSentOnlyThere_AndConfirmed()
    {
        await using var fake = FakeTarget.Start();
        var report = await Probe.RunAsync(Options(fake.Smtp.Port, confirmTo: "alice@example.test"), Probe.Select(Catalog.Value, senderAuth: true).Where(s => Probe.LiveSenderAuth.Contains(s.Id)).ToList(), confirmOracle: fake.Maildrop);
        var result = report.Entries.Single().Result;

        Assert.That(result.Verdict, Is.EqualTo(Verdict.Fail), InlineScenario.Explain(result));
        Assert.That(fake.Smtp.Accepted, Has.Count.EqualTo(1));
        Assert.That(result.Summary, Does.StartWith("delivered: accepted mail"), InlineScenario.Explain(result));
    }

    [Test]
    public async Task Cli_SenderAuthOption_RunsTheSpfCheck()
    {
        await using var fake = FakeTarget.Start();
        var json = Path.Combine(Directory.CreateTempSubdirectory("probe-sa-").FullName, "probe.json");
        var run = await CliRun.InvokeAsync(["probe", $"127.0.0.1:{fake.Smtp.Port.ToString(CultureInfo.InvariantCulture)}", "--sender-auth", "--mail-domain", "example.test", "--user", "alice", "--delay", "0", "--timeout", "5", "--json", json]);

        Assert.That(run.ExitCode, Is.Not.EqualTo(ExitCodes.Usage), run.ToString());
        var ids = JsonNode.Parse(await File.ReadAllTextAsync(json))!["results"]!.AsArray().Select(r => (string)r!["scenario"]!).ToList();
        Assert.That(ids, Does.Contain("smtp/senderauth/spf/fail"));
        Assert.That(fake.Smtp.Accepted, Is.Empty);
        Directory.Delete(Path.GetDirectoryName(json)!, recursive: true);
    }
}
