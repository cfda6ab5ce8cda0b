using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using ConformanceHarness.Cli;
using ConformanceHarness.Dns;
using ConformanceHarness.Tests.Containers;
using ConformanceHarness.Tests.Dns;
using ConformanceHarness.Tests.Fakes;
using ConformanceHarness.Tests.Reporting;
using ConformanceHarness.Tests.Support;

namespace ConformanceHarness.Tests.Cli;

/// <summary>
/// <c>probe --domain</c> end to end, in-process: a dnsmasq of its own on loopback serving the zones below (it never
/// forwards; see <see cref="DnsmasqServer"/>), exchangers that resolve to 127.x addresses where real servers (bundled
/// containers, behind <see cref="TcpForwarder"/>s) or loopback fakes listen, and the JSON report read back.
/// </summary>
[Category("Dns")]
public sealed class ProbeDomainCommandTests
{
    /// <summary>MX 20 published before MX 10; mx1 → 127.0.0.2 (Postfix), mx2 → 127.0.0.3 (the open-relay control). Every record right.</summary>
    private const string Good = "cli.example.test";

    /// <summary>One exchanger on 127.0.0.1 (a loopback fake); SPF +all with 11 DNS lookups, no DMARC, an invalid MTA-STS id.</summary>
    private const string Bad = "cli-bad.example.test";

    private const string NullMx = "cli-nullmx.example.test";

    /// <summary>Nothing is published under it: NXDOMAIN.</summary>
    private const string Missing = "cli-missing.example.test";

    private static readonly IPAddress Mx1 = IPAddress.Parse("127.0.0.2");
    private static readonly IPAddress Mx2 = IPAddress.Parse("127.0.0.3");

    private static readonly string[] Zone =
    [
        $"host-record={TestZones.Ready},127.0.0.1",

        "mx-host=cli.example.test,mx2.cli.example.test,20",
        "mx-host=cli.example.test,mx1.cli.example.test,10",
        "host-record=mx1.cli.example.test,127.0.0.2",
        "host-record=mx2.cli.example.test,127.0.0.3",
        "txt-record=cli.example.test,\"v=spf1 mx -all\"",
        "txt-record=_dmarc.cli.example.test,\"v=DMARC1; p=reject; rua=mailto:dmarc@cli.example.test\"",
        "txt-record=_mta-sts.cli.example.test,\"v=STSv1; id=20250101T000000;\"",

        "mx-host=cli-bad.example.test,smtp.cli-bad.example.test,10",
        "host-record=smtp.cli-bad.example.test,127.0.0.1",
        "txt-record=cli-bad.example.test,\"v=spf1 mx include:i1.cli-bad.example.test include:i2.cli-bad.example.test +all\"",
        "txt-record=i1.cli-bad.example.test,\"v=spf1 a:smtp.cli-bad.example.test mx:cli-bad.example.test exists:smtp.cli-bad.example.test a:smtp.cli-bad.example.test -all\"",
        "txt-record=i2.cli-bad.example.test,\"v=spf1 a:smtp.cli-bad.example.test mx:cli-bad.example.test exists:smtp.cli-bad.example.test a:smtp.cli-bad.example.test -all\"",
        "txt-record=_mta-sts.cli-bad.example.test,\"v=STSv1; id=not-valid!\"",

        "mx-host=cli-nullmx.example.test,.,0",
        "txt-record=cli-nullmx.example.test,\"v=spf1 -all\"",
        "txt-record=_dmarc.cli-nullmx.example.test,\"v=DMARC1; p=reject\"",
    ];

    private DnsmasqServer dns = null!;
    private string reports = null!;

    [OneTimeSetUp]
    public async Task StartDns()
    {
        if (DnsmasqServer.FindBinary() is null)
        {
            Assert.Fail(DnsmasqServer.InstallHint);
        }

        dns = await DnsmasqServer.StartAsync(Zone);
    }

    [OneTimeTearDown]
    public void StopDns() => dns?.Dispose();

    [SetUp]
    public void SetUp() => reports = Directory.CreateTempSubdirectory("probe-domain-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(reports, recursive: true);

    private string JsonPath => Path.Combine(reports, "probe.json");

    private string[] Args(string domain, int port, params string[] more) =>
    [
        "probe", "--domain", domain, "--resolver", $"127.0.0.1:{dns.Port}", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--delay", "0", "--timeout", "10", "--greeting-timeout", "20", "--json", JsonPath, .. more,
    ];

    /// <summary>The JSON report, checked against the schema.</summary>
    private JsonNode Json()
    {
        var text = File.ReadAllText(JsonPath);
        Assert.That(ReportSchema.Validate(text), Is.Empty, "the probe's JSON report is a valid report/v1 document");
        return JsonNode.Parse(text)!;
    }

    private static JsonArray Targets(JsonNode json) => json["targets"]!.AsArray();

    /// <summary>The verdict of each result of one target, by scenario id.</summary>
    private static Dictionary<string, string> Verdicts(JsonNode json, string target) =>
        json["results"]!.AsArray()
            .Where(r => (string?)r!["target"] == target)
            .ToDictionary(r => (string)r!["scenario"]!, r => (string)r!["verdict"]!);

    [Test]
    [Category("Container")]
    public async Task ProbeDomain_TwoExchangersOnRealServers_ProbedInPreferenceOrder_DomainChecksPass()
    {
        var started = await Task.WhenAll(BundledTargetPool.GetAsync("postfix"), BundledTargetPool.GetAsync("postfix-openrelay"));
        var (postfix, openRelay) = (started[0].Roles["smtp"], started[1].Roles["smtp"]);
        var contacts = new ConcurrentQueue<string>();
        var forwarders = TcpForwarder.StartOnCommonPort(
            [(Mx1, new IPEndPoint(IPAddress.Parse(postfix.Host), postfix.Port)), (Mx2, new IPEndPoint(IPAddress.Parse(openRelay.Host), openRelay.Port))],
            contacts);
        try
        {
            var port = forwarders[0].Listening.Port;
            var clock = Stopwatch.StartNew();
            var run = await CliRun.InvokeAsync(Args(Good, port));
            TestContext.Out.WriteLine($"probe --domain {Good}: {clock.Elapsed.TotalSeconds:0.0} s, {forwarders[0].Connections} + {forwarders[1].Connections} connections");
            TestContext.Out.WriteLine(run);

            // The open-relay control behind mx2 is a finding: exit 1.
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failures), run.ToString());

            // Contacted in preference order: every connection to mx1 (preference 10) before the first to mx2 (20).
            Assert.That(forwarders.Select(f => f.Connections), Is.All.GreaterThan(0), "both exchangers were probed");
            Assert.That(contacts.Distinct(), Is.EqualTo(forwarders.Select(f => f.Name)), "mx1 first, then mx2");
            Assert.That(contacts.TakeWhile(c => c == forwarders[0].Name).Count(), Is.EqualTo(forwarders[0].Connections), "mx1 was done with before mx2 was contacted");

            var mx1Section = run.Out.IndexOf($"mx1.cli.example.test (preference 10) 127.0.0.2:{port}", StringComparison.Ordinal);
            var mx2Section = run.Out.IndexOf($"mx2.cli.example.test (preference 20) 127.0.0.3:{port}", StringComparison.Ordinal);
            var domainSection = run.Out.IndexOf($"domain {Good}: MX, SPF, DMARC, MTA-STS", StringComparison.Ordinal);
            Assert.That(mx1Section, Is.GreaterThanOrEqualTo(0), "a section per exchanger");
            Assert.That(mx2Section, Is.GreaterThan(mx1Section), "mx1's section first");
            Assert.That(domainSection, Is.GreaterThan(mx2Section), "then the domain's checks");

            var json = Json();
            var targets = Targets(json);
            Assert.That(targets.Select(t => (string)t!["name"]!), Is.EqualTo(new[] { Good, $"live:127.0.0.2:{port}", $"live:127.0.0.3:{port}" }));
            Assert.That(targets[0]!["protocols"]!.AsArray().Select(p => (string)p!), Is.EqualTo(new[] { "dns" }));
            var exchangers = targets.Skip(1).Select(t => t!["exchanger"]!).ToList();
            Assert.That(exchangers.Select(e => ((string)e["host"]!, (int)e["preference"]!, (string)e["address"]!)), Is.EqualTo(new[]
            {
                ("mx1.cli.example.test", 10, "127.0.0.2"),
                ("mx2.cli.example.test", 20, "127.0.0.3"),
            }));

            // Each exchanger graded from its own server's replies: Postfix refuses relay, the control accepts it.
            var mx1 = Verdicts(json, $"live:127.0.0.2:{port}");
            var mx2 = Verdicts(json, $"live:127.0.0.3:{port}");
            Assert.That(mx1.Keys, Is.EquivalentTo(mx2.Keys).And.Contains("smtp/relay/plain"));
            Assert.That((mx1["smtp/relay/plain"], mx2["smtp/relay/plain"]), Is.EqualTo(("pass", "fail")));
            Assert.That(mx1.Where(r => r.Key.StartsWith("smtp/relay/", StringComparison.Ordinal)).Select(r => r.Value), Has.None.EqualTo("fail"), "Postfix relays nothing");
            Assert.That(targets[1]!["summary"]!["pass"]!.GetValue<int>(), Is.GreaterThan(0));
            var relayResult = json["results"]!.AsArray().First(r => (string?)r!["target"] == $"live:127.0.0.3:{port}" && (string?)r["scenario"] == "smtp/relay/plain")!;
            Assert.That(relayResult["transcript"]!.AsArray().Select(l => (string)l!["text"]!), Has.Some.Contains("ESMTP"), "a real server's greeting");

            var domain = Verdicts(json, Good);
            Assert.That(domain[DnsChecks.Exchangers], Is.EqualTo("pass"));
            Assert.That(
                new[] { DnsChecks.SpfSingleRecord, DnsChecks.SpfAllQualifier, DnsChecks.SpfLookupLimit, DnsChecks.DmarcPresent, DnsChecks.DmarcPolicy, DnsChecks.MtaStsSyntax }.Select(id => (id, domain[id])),
                Is.All.Matches<(string Id, string Verdict)>(c => c.Verdict == "pass"),
                string.Join("\n", domain.Select(d => $"{d.Key}: {d.Value}")));
        }
        finally
        {
            foreach (var forwarder in forwarders)
            {
                await forwarder.DisposeAsync();
            }
        }
    }

    [Test]
    public async Task ProbeDomain_BrokenRecords_FindingsBesideTheProbeOfItsExchangerOnPort()
    {
        // smtp.cli-bad.example.test is 127.0.0.1: a loopback fake on a port of its own, reached through --port.
        await using var fake = FakeTarget.Start(SmtpFault.None);
        var run = await CliRun.InvokeAsync(Args(Bad, fake.Smtp.Port));
        TestContext.Out.WriteLine(run);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failures), run.ToString());
        Assert.That(fake.Smtp.Connections, Is.Not.Empty, "the exchanger was probed on --port");
        var json = Json();
        var targets = Targets(json);
        Assert.That(targets.Select(t => (string)t!["name"]!), Is.EqualTo(new[] { Bad, $"live:127.0.0.1:{fake.Smtp.Port}" }));
        Assert.That((string)targets[1]!["exchanger"]!["host"]!, Is.EqualTo("smtp.cli-bad.example.test"));
        var host = Verdicts(json, $"live:127.0.0.1:{fake.Smtp.Port}");
        Assert.That(host["smtp/relay/plain"], Is.EqualTo("pass"), "the fake refuses relay");

        var domain = Verdicts(json, Bad);
        Assert.That(
            (domain[DnsChecks.SpfAllQualifier], domain[DnsChecks.SpfLookupLimit], domain[DnsChecks.DmarcPresent], domain[DnsChecks.MtaStsSyntax]),
            Is.EqualTo(("fail", "fail", "warn", "fail")),
            string.Join("\n", domain.Select(d => $"{d.Key}: {d.Value}")));
        Assert.That(run.Out, Does.Contain(DnsChecks.SpfLookupLimit).And.Contain("+all"), "the findings' details are printed");
    }

    [Test]
    public async Task ProbeDomain_NullMx_AcceptsNoMail_NoHostContacted()
    {
        // --mx: the earlier spelling of --domain.
        string[] args = [.. Args(NullMx, 25)];
        args[1] = "--mx";
        var run = await CliRun.InvokeAsync(args);
        TestContext.Out.WriteLine(run);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        Assert.That(run.Error, Does.Not.Contain("probing "), "no exchanger was probed");
        var json = Json();
        Assert.That(Targets(json).Select(t => (string)t!["name"]!), Is.EqualTo(new[] { NullMx }), "no host is a target");
        var exchangers = json["results"]!.AsArray().Single(r => (string?)r!["scenario"] == DnsChecks.Exchangers)!;
        Assert.That((string)exchangers["verdict"]!, Is.EqualTo("info"));
        Assert.That((string)exchangers["summary"]!, Does.Contain("accepts no mail"));
        Assert.That(exchangers["notes"]!.AsArray().Select(n => (string)n!), Has.Some.StartWith("contacted no host"));
        Assert.That(Verdicts(json, NullMx)[DnsChecks.NullMxAlone], Is.EqualTo("pass"));
    }

    [Test]
    public async Task ProbeDomain_NonExistentDomain_IsAClearError_NotACrash()
    {
        var run = await CliRun.InvokeAsync(Args(Missing, 25));
        TestContext.Out.WriteLine(run);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failures), run.ToString());
        Assert.That(run.Error, Does.Not.Contain("Exception"), run.ToString());
        Assert.That(run.Out, Does.Contain("contacted no host"));
        var json = Json();
        Assert.That(Targets(json).Select(t => (string)t!["name"]!), Is.EqualTo(new[] { Missing }));
        var exchangers = json["results"]!.AsArray().Single(r => (string?)r!["scenario"] == DnsChecks.Exchangers)!;
        Assert.That((string)exchangers["verdict"]!, Is.EqualTo("error"));
        Assert.That((string)exchangers["summary"]!, Does.Contain("does not exist"));
    }
}
