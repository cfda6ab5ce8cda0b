using System.Text;
using ConformanceHarness.Probing;
using ConformanceHarness.Running;
using ConformanceHarness.Scenarios;
using ConformanceHarness.Tests.Containers;
using ConformanceHarness.Tests.Fakes;
using ConformanceHarness.Tests.Support;
using ConformanceHarness.Wire;

namespace ConformanceHarness.Tests.Probing;

/// <summary>
/// The polite probe: no DATA ever reaches a live server unless every recipient is the --confirm-to address, whatever the
/// scenario says; relay forms stop at RCPT, then RSET and QUIT; the relay counts come out of the results.
/// </summary>
public sealed class PoliteProbeTests
{
    private static readonly Lazy<IReadOnlyList<Scenario>> Catalog = new(() => ScenarioLoader.LoadDirectory(ScenariosDirectory()).Scenarios);

    private static List<Scenario> RelayForms => Catalog.Value.Where(s => RelaySummary.IsRelayForm(s.Id)).ToList();

    /// <summary>Every line the client wrote on every connection of <paramref name="result"/>.</summary>
    private static IEnumerable<string> ClientLines(ScenarioResult result) =>
        result.Transcript.Where(t => t.Direction == TranscriptDirection.Client)
            .SelectMany(t => Encoding.Latin1.GetString(t.Bytes).Split('\n'))
            .Select(l => l.TrimEnd('\r'))
            .Where(l => l.Length > 0);

    private static bool IsData(string line) =>
        line.Trim().ToUpperInvariant() is var u && (u == "DATA" || u.StartsWith("DATA ", StringComparison.Ordinal) || u.StartsWith("BDAT", StringComparison.Ordinal));

    internal static ProbeOptions Options(int port, string? confirmTo = null) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        Domain = "example.test",
        User = "alice",
        Delay = TimeSpan.FromMilliseconds(5),
        StepTimeout = TimeSpan.FromSeconds(2),
        GreetingTimeout = TimeSpan.FromSeconds(5),
        ConfirmTo = confirmTo,
    };

    [Test]
    public async Task OpenRelayFake_EveryFormAcceptedAtRcpt_NoDataSent_RsetAndQuit()
    {
        await using var fake = FakeTarget.Start(SmtpFault.OpenRelay);
        var report = await Probe.RunAsync(Options(fake.Smtp.Port), RelayForms);
        foreach (var entry in report.Entries)
        {
            var lines = ClientLines(entry.Result).ToList();
            Assert.That(lines.Where(IsData), Is.Empty, $"{entry.Scenario.Id} sent DATA:\n{entry.Result.RenderTranscript()}");
            Assert.That(lines.TakeLast(2), Is.EqualTo(new[] { "RSET", "QUIT" }), entry.Result.RenderTranscript());
            Assert.That((entry.Result.Verdict, entry.Result.Finding), Is.EqualTo((Verdict.Fail, "accepted for relay")), InlineScenario.Explain(entry.Result));
        }

        Assert.That(fake.Smtp.Accepted, Is.Empty, "the fake received a message");
        Assert.That(report.Relay.Tried, Is.EqualTo(RelayForms.Count));
        Assert.That((report.Relay.Accepted.Count, report.Relay.Confirmed.Count, report.Relay.Refused.Count), Is.EqualTo((RelayForms.Count, 0, 0)));
        Assert.That(report.Relay.ToString(), Does.StartWith($"{RelayForms.Count} relay forms tried, 0 refused, {RelayForms.Count} accepted at RCPT, 0 confirmed: [bang-path-ip-literal, "));
        Assert.That(report.Scope, Does.Contain($"contacted only 127.0.0.1:{fake.Smtp.Port} (smtp)").And.Contain("no DATA sent"));
    }

    [Test]
    public void Selection_LeavesOutWhatNeedsTheServersOwnAccount_KeepsTheRefusalChecks()
    {
        var ids = Probe.Select(Catalog.Value).Select(s => s.Id).ToList();
        Assert.Multiple(() =>
        {
            // A probe has no password for someone else's server: a login that must succeed would fail every correct server.
            Assert.That(ids, Has.None.EqualTo("smtp/rfc4954/auth-right").And.None.EqualTo("smtp/rfc4954/auth-twice")
                .And.None.EqualTo("smtp/relay/authenticated-submission").And.None.EqualTo("smtp/rfc6409/authenticated"));
            Assert.That(ids, Does.Contain("smtp/rfc4954/auth-cleartext").And.Contain("smtp/rfc4954/auth-wrong").And.Contain("smtp/relay/plain"));
        });
    }

    [Test]
    public async Task CorrectFake_EveryFormRefused()
    {
        await using var fake = FakeTarget.Start();
        var report = await Probe.RunAsync(Options(fake.Smtp.Port), RelayForms);
        Assert.That(report.Relay.ToString(), Is.EqualTo($"{RelayForms.Count} relay forms tried, {RelayForms.Count} refused, 0 accepted at RCPT, 0 confirmed"));
    }

    [Test]
    public async Task ScenarioThatInsistsOnData_IsStoppedOnTheWire()
    {
        // RAW, lower case, pipelined behind RCPT: the guard reads the bytes, not the steps.
        await using var fake = FakeTarget.Start();
        var scenario = InlineScenario.Smtp("""
            S: 220
            C: EHLO c
            S: 250
            C: MAIL FROM:<a@example.test>
            S: 250
            C: RCPT TO:<alice@example.test>
            RAW: data\r\nSubject: x\r\n\r\nbody\r\n.\r\n
            S: 250
            S: 354
            S: 250
            """);
        var report = await Probe.RunAsync(Options(fake.Smtp.Port), [scenario]);
        var result = report.Entries.Single().Result;
        Assert.That(ClientLines(result).Where(IsData), Is.Empty, result.RenderTranscript());
        Assert.That(result.Summary, Does.Contain("polite probe: stopped before DATA"));
        Assert.That(fake.Smtp.Accepted, Is.Empty);
    }

    [Test]
    public async Task ConfirmTo_AllowsDataOnlyToThatAddress_AndConfirmsThroughItsMailbox()
    {
        await using var fake = FakeTarget.Start(SmtpFault.OpenRelay);
        var forms = RelayForms.Where(s => s.Id is "smtp/relay/plain" or "smtp/relay/percent-hack" or "smtp/relay/recipient-ip-literal").ToList();
        var report = await Probe.RunAsync(Options(fake.Smtp.Port, confirmTo: "me@mine.example.org"), forms, confirmOracle: fake.Smtp.Sink);
        var byId = report.Entries.ToDictionary(e => e.Scenario.Id[RelaySummary.Prefix.Length..], e => e.Result);

        // plain and percent-hack address the user's mailbox: DATA went out, and the message arrived there.
        Assert.That(byId["plain"].Confirmed, Is.True, InlineScenario.Explain(byId["plain"]));
        Assert.That(ClientLines(byId["percent-hack"]), Has.Some.Matches<string>(IsData));
        Assert.That(ClientLines(byId["percent-hack"]), Has.Some.EqualTo("RCPT TO:<me%mine.example.org@example.test>"));

        // The IP-literal recipient is not the user's address: no DATA.
        Assert.That(ClientLines(byId["recipient-ip-literal"]).Where(IsData), Is.Empty);
        Assert.That(fake.Smtp.Sink.Messages.SelectMany(m => m.Recipients).Distinct(), Is.EquivalentTo(new[] { "me@mine.example.org", "me%mine.example.org@example.test" }));
        Assert.That(report.Relay.ToString(), Does.StartWith("3 relay forms tried, 0 refused, 3 accepted at RCPT, 2 confirmed"));
    }

    [Test]
    public void PoliteMode_RecognisesTheConfirmAddressInEveryForm()
    {
        var polite = new PoliteMode { ConfirmRecipient = "me@mine.example.org" };
        Assert.That(new[] { "RCPT TO:<ME@MINE.EXAMPLE.ORG>", "RCPT TO:<mine.example.org!me@x>", "RCPT TO:<\"me@mine.example.org\"@x>" }.All(polite.IsConfirmRecipient), Is.True);
        Assert.That(polite.IsConfirmRecipient("RCPT TO:<you@mine.example.org>"), Is.False);
        Assert.That(new PoliteMode().IsConfirmRecipient("RCPT TO:<me@mine.example.org>"), Is.False);
    }

    [Test]
    public void RelaySummary_CountsRefusedAcceptedConfirmedAndUngraded()
    {
        ScenarioResult R(string form, Verdict verdict, string? finding = null, bool confirmed = false) =>
            new() { ScenarioId = RelaySummary.Prefix + form, Target = "t", Verdict = verdict, Summary = string.Empty, Finding = finding, Confirmed = confirmed };
        var summary = RelaySummary.From(
        [
            R("plain", Verdict.Fail, "accepted for relay", confirmed: true),
            R("bang-path", Verdict.Fail, "accepted for relay"),
            R("percent-hack", Verdict.Pass),
            R("quoted-at", Verdict.Inconclusive),
            R("source-route", Verdict.Skip),
            R("authenticated-submission", Verdict.Pass),
            new() { ScenarioId = "smtp/enumeration/vrfy", Target = "t", Verdict = Verdict.Fail, Summary = string.Empty },
        ]);
        Assert.That(summary.ToString(), Is.EqualTo("4 relay forms tried, 1 refused, 2 accepted at RCPT, 1 confirmed: [plain (confirmed), bang-path]; 1 without a grade: [quoted-at]"));
    }

    [Test]
    [Category("Container")]
    public async Task PostfixOpenRelay_ThroughItsPublishedPort_NoDataInTheTranscript()
    {
        var container = await BundledTargetPool.GetAsync("postfix-openrelay");
        var smtp = container.Roles["smtp"];
        var options = Options(smtp.Port) with { Host = smtp.Host, Delay = TimeSpan.FromMilliseconds(50), StepTimeout = TimeSpan.FromSeconds(10) };
        var report = await Probe.RunAsync(options, RelayForms.Where(s => s.Id is "smtp/relay/plain" or "smtp/relay/null-sender" or "smtp/relay/percent-hack").ToList());
        foreach (var entry in report.Entries)
        {
            TestContext.Out.WriteLine(entry.Result.RenderTranscript());
            Assert.That(ClientLines(entry.Result).Where(IsData), Is.Empty, entry.Result.RenderTranscript());
            Assert.That(ClientLines(entry.Result).TakeLast(2), Is.EqualTo(new[] { "RSET", "QUIT" }));
            Assert.That(entry.Result.Finding, Is.EqualTo("accepted for relay"), InlineScenario.Explain(entry.Result));
        }

        Assert.That(report.Relay.ToString(), Does.StartWith("3 relay forms tried, 0 refused, 3 accepted at RCPT, 0 confirmed"));
        TestContext.Out.WriteLine(report.Relay);
        TestContext.Out.WriteLine(report.Scope);
    }

    [Test]
    public async Task HarnessFault_InOneScenario_IsAnErrorResult_AndTheProbeGoesOn()
    {
        await using var fake = FakeTarget.Start(SmtpFault.OpenRelay);
        var forms = RelayForms.Where(s => s.Id is "smtp/relay/plain" or "smtp/relay/recipient-ip-literal").ToList();
        var report = await Probe.RunAsync(Options(fake.Smtp.Port, confirmTo: "me@mine.example.org"), forms, confirmOracle: new BrokenOracle());
        var byId = report.Entries.ToDictionary(e => e.Scenario.Id[RelaySummary.Prefix.Length..], e => e.Result);
        Assert.That(byId["plain"].Verdict, Is.EqualTo(Verdict.Error), InlineScenario.Explain(byId["plain"]));
        Assert.That(byId["plain"].Summary, Does.StartWith("harness error: InvalidOperationException"));
        Assert.That(byId["recipient-ip-literal"].Finding, Is.EqualTo("accepted for relay"), InlineScenario.Explain(byId["recipient-ip-literal"]));
    }

    private static string ScenariosDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ConformanceHarness.sln")))
            {
                return Path.Combine(dir.FullName, "scenarios");
            }
        }

        throw new DirectoryNotFoundException("no ConformanceHarness.sln above the test assembly");
    }

    /// <summary>An oracle with a fault of the harness's own: it throws instead of answering.</summary>
    private sealed class BrokenOracle : ConformanceHarness.Delivery.IDeliveryOracle
    {
        public Task<IReadOnlyList<ConformanceHarness.Delivery.DeliveredMessage>> WaitAsync(string token, int atLeast, TimeSpan within, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("the oracle broke");
    }
}
