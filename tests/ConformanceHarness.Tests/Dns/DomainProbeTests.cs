using System.Net;
using ConformanceHarness.Dns;
using ConformanceHarness.Probing;
using ConformanceHarness.Running;
using ConformanceHarness.Scenarios;
using ConformanceHarness.Targets;
using ConformanceHarness.Tests.Fakes;

namespace ConformanceHarness.Tests.Dns;

/// <summary>
/// <see cref="DomainProbe"/> against the dnsmasq zones: a recording fake per-host probe (no traffic at all beyond the
/// loopback DNS server), and the real polite probe on loopback SMTP fakes behind an MX record.
/// </summary>
[Category("Dns")]
public sealed class DomainProbeTests
{
    private sealed class RecordingProbe
    {
        public List<(Exchanger Exchanger, IPAddress Address)> Calls { get; } = [];

        public Func<Exchanger, IPAddress, Exception?>? Throw { get; init; }

        public Task<IReadOnlyList<ScenarioResult>> ProbeAsync(Exchanger exchanger, IPAddress address)
        {
            Calls.Add((exchanger, address));
            if (Throw?.Invoke(exchanger, address) is { } error)
            {
                throw error;
            }

            IReadOnlyList<ScenarioResult> results =
            [
                new ScenarioResult { ScenarioId = "smtp/fake/host", Target = $"{exchanger.Host} [{address}]", Verdict = Verdict.Pass, Summary = "probed" },
            ];
            return Task.FromResult(results);
        }
    }

    private static async Task<DnsSettings> SettingsAsync() => (await TestDns.ServerAsync()).Settings;

    [Test]
    public async Task ProbeAsync_OrderedZone_ProbesEveryAddressInPreferenceOrder()
    {
        var probe = new RecordingProbe();
        var result = await DomainProbe.ProbeAsync(TestZones.Ordered, await SettingsAsync(), probe.ProbeAsync);

        Assert.That(probe.Calls.Select(c => c.Exchanger.Preference), Is.EqualTo(new[] { 10, 20, 20, 20, 30 }));
        Assert.That(probe.Calls.Select(c => c.Address.ToString()), Is.EquivalentTo(new[] { "127.0.0.11", "127.0.0.21", "::1", "127.0.0.22", "127.0.0.31" }));
        Assert.That(probe.Calls.Select(c => c.Address), Is.EqualTo(result.Exchangers.Exchangers.SelectMany(e => e.Addresses)));
        Assert.That(probe.Calls[0].Address, Is.EqualTo(IPAddress.Parse("127.0.0.11")));
        Assert.That(probe.Calls[^1].Address, Is.EqualTo(IPAddress.Parse("127.0.0.31")));
        var mx20a = probe.Calls.FindIndex(c => c.Exchanger.Host == "mx20a.ordered.example.test");
        Assert.That(probe.Calls[mx20a + 1].Address, Is.EqualTo(IPAddress.IPv6Loopback), "a host's IPv6 address follows its IPv4 address");
    }

    [Test]
    public async Task ProbeAsync_OrderedZone_NotesExactlyTheHostsItContacted()
    {
        var probe = new RecordingProbe();
        var result = await DomainProbe.ProbeAsync(TestZones.Ordered, await SettingsAsync(), probe.ProbeAsync);

        Assert.That(result.Contacted, Has.Count.EqualTo(probe.Calls.Count));
        Assert.That(result.Contacted[0], Is.EqualTo("127.0.0.11 (mx10.ordered.example.test, preference 10)"));
        Assert.That(result.Note, Does.StartWith("contacted only 127.0.0.11 (mx10.ordered.example.test, preference 10), ").And.EndWith("no other host"));
        var exchangers = result.DomainChecks.Single(r => r.ScenarioId == DnsChecks.Exchangers);
        Assert.That(exchangers.Notes, Does.Contain(result.Note));
    }

    [Test]
    public async Task ProbeAsync_OrderedZone_ReturnsEachHostsResultsAndTheDomainChecks()
    {
        var probe = new RecordingProbe();
        var result = await DomainProbe.ProbeAsync(TestZones.Ordered, await SettingsAsync(), probe.ProbeAsync);

        Assert.That(result.Hosts.Select(h => h.Address), Is.EqualTo(probe.Calls.Select(c => c.Address)));
        Assert.That(result.Hosts.Select(h => h.Results.Single().Target), Is.EqualTo(probe.Calls.Select(c => $"{c.Exchanger.Host} [{c.Address}]")));
        Assert.That(result.DomainChecks.Select(r => r.ScenarioId), Is.EqualTo(DnsChecks.All.Select(s => s.Id).Where(id => id != DnsChecks.HostProbe)));
        Assert.That(result.DomainChecks.Select(r => r.Target), Is.All.EqualTo(TestZones.Ordered));
        Assert.That(result.AllResults, Has.Count.EqualTo(result.DomainChecks.Count + probe.Calls.Count));
        Assert.That(result.DomainChecks.Single(r => r.ScenarioId == DnsChecks.Exchangers).Verdict, Is.EqualTo(Verdict.Pass));
    }

    [Test]
    public async Task ProbeAsync_ImplicitMx_ProbesTheDomainsOwnAddresses()
    {
        var probe = new RecordingProbe();
        var result = await DomainProbe.ProbeAsync(TestZones.NoMx, await SettingsAsync(), probe.ProbeAsync);

        Assert.That(probe.Calls.Select(c => c.Address.ToString()), Is.EqualTo(new[] { "127.0.0.40", "::1" }));
        Assert.That(probe.Calls.Select(c => c.Exchanger.IsImplicit), Is.All.True);
        Assert.That(result.Contacted, Is.EqualTo(new[] { "127.0.0.40 (nomx.example.test, implicit MX)", "::1 (nomx.example.test, implicit MX)" }));
        Assert.That(result.DomainChecks.Single(r => r.ScenarioId == DnsChecks.Exchangers).Verdict, Is.EqualTo(Verdict.Info));
    }

    [Test]
    public async Task ProbeAsync_NullMx_ContactsNoHostAndStillGradesTheRecords()
    {
        var probe = new RecordingProbe();
        var result = await DomainProbe.ProbeAsync(TestZones.NullMx, await SettingsAsync(), probe.ProbeAsync);

        Assert.That(probe.Calls, Is.Empty);
        Assert.That(result.Contacted, Is.Empty);
        Assert.That(result.Note, Does.StartWith("contacted no host").And.Contain("accepts no mail"));
        var byId = result.DomainChecks.ToDictionary(r => r.ScenarioId);
        Assert.That(byId[DnsChecks.Exchangers].Verdict, Is.EqualTo(Verdict.Info));
        Assert.That(byId[DnsChecks.NullMxAlone].Verdict, Is.EqualTo(Verdict.Pass));
        Assert.That(byId[DnsChecks.SpfAllQualifier].Verdict, Is.EqualTo(Verdict.Pass));
    }

    [TestCase("nullmx.example.test", Verdict.Pass)]
    [TestCase("nullmx-mixed.example.test", Verdict.Fail)]
    [TestCase("nullmx-pref.example.test", Verdict.Warn)]
    [TestCase("ordered.example.test", Verdict.Skip)]
    public async Task NullMxAlone_Zone_Verdict(string domain, Verdict expected)
    {
        var result = await DomainProbe.ProbeAsync(domain, await SettingsAsync(), new RecordingProbe().ProbeAsync);

        Assert.That(result.DomainChecks.Single(r => r.ScenarioId == DnsChecks.NullMxAlone).Verdict, Is.EqualTo(expected));
    }

    [TestCase("ordered.example.test", Verdict.Pass)]
    [TestCase("nomx.example.test", Verdict.Pass)]
    [TestCase("deadmx.example.test", Verdict.Fail)]
    [TestCase("nullmx.example.test", Verdict.Skip)]
    public async Task ExchangerAddresses_Zone_Verdict(string domain, Verdict expected)
    {
        var result = await DomainProbe.ProbeAsync(domain, await SettingsAsync(), new RecordingProbe().ProbeAsync);

        var check = result.DomainChecks.Single(r => r.ScenarioId == DnsChecks.ExchangerAddresses);
        Assert.That(check.Verdict, Is.EqualTo(expected), check.Summary);
    }

    [TestCase("ordered.example.test", Verdict.Pass)]
    [TestCase("nomx.example.test", Verdict.Info)]
    [TestCase("nullmx.example.test", Verdict.Info)]
    [TestCase("missing.example.test", Verdict.Error)]
    [TestCase("nomail.example.test", Verdict.Error)]
    [TestCase("outside.invalid", Verdict.Inconclusive)]
    public async Task Exchangers_Zone_Verdict(string domain, Verdict expected)
    {
        var result = await DomainProbe.ProbeAsync(domain, await SettingsAsync(), new RecordingProbe().ProbeAsync);

        var check = result.DomainChecks.Single(r => r.ScenarioId == DnsChecks.Exchangers);
        Assert.That(check.Verdict, Is.EqualTo(expected), check.Summary);
    }

    [Test]
    public async Task ProbeAsync_DeadExchanger_ProbesOnlyTheOneWithAnAddress()
    {
        var probe = new RecordingProbe();
        await DomainProbe.ProbeAsync(TestZones.DeadMx, await SettingsAsync(), probe.ProbeAsync);

        Assert.That(probe.Calls.Select(c => c.Exchanger.Host), Is.EqualTo(new[] { "live.deadmx.example.test" }));
    }

    [Test]
    public async Task ProbeAsync_NonExistentDomain_ContactsNoHostAndGradesNoRecords()
    {
        var probe = new RecordingProbe();
        var result = await DomainProbe.ProbeAsync(TestZones.Missing, await SettingsAsync(), probe.ProbeAsync);

        Assert.That(probe.Calls, Is.Empty);
        Assert.That(result.DomainChecks.Select(r => r.ScenarioId), Is.EqualTo(new[] { DnsChecks.Exchangers, DnsChecks.ExchangerAddresses, DnsChecks.NullMxAlone }));
        Assert.That(result.DomainChecks[0].Summary, Does.Contain("does not exist"));
        Assert.That(result.Note, Does.Contain("contacted no host"));
    }

    [Test]
    public async Task ProbeAsync_TwoExchangersOnOneAddress_ProbesItOnce()
    {
        var probe = new RecordingProbe();
        var result = await DomainProbe.ProbeAsync(TestZones.Shared, await SettingsAsync(), probe.ProbeAsync);

        Assert.That(probe.Calls.Select(c => (c.Exchanger.Host, c.Address.ToString())), Is.EqualTo(new[] { ("a.shared.example.test", "127.0.0.70") }));
        Assert.That(result.DomainChecks[0].Notes, Has.Some.Contains("127.0.0.70 is also an address of b.shared.example.test; probed once"));
    }

    [Test]
    public async Task ProbeAsync_OneHostsProbeThrows_IsAnErrorForThatHostAndTheOthersRun()
    {
        var probe = new RecordingProbe { Throw = (e, _) => e.Preference == 20 && e.Host.EndsWith("b.ordered.example.test", StringComparison.Ordinal) ? new IOException("connection reset") : null };
        var result = await DomainProbe.ProbeAsync(TestZones.Ordered, await SettingsAsync(), probe.ProbeAsync);

        Assert.That(probe.Calls, Has.Count.EqualTo(5));
        var failed = result.Hosts.Single(h => h.Exchanger.Host == "mx20b.ordered.example.test").Results.Single();
        Assert.That(failed.ScenarioId, Is.EqualTo(DnsChecks.HostProbe));
        Assert.That(failed.Verdict, Is.EqualTo(Verdict.Error));
        Assert.That(failed.Summary, Does.Contain("127.0.0.22").And.Contain("IOException: connection reset"));
        Assert.That(result.Hosts.Where(h => h.Exchanger.Host != "mx20b.ordered.example.test").SelectMany(h => h.Results).Select(r => r.Verdict), Is.All.EqualTo(Verdict.Pass));
    }

    [Test]
    public async Task ProbeAsync_ResolverTimesOut_IsOneErrorAndContactsNoHost()
    {
        using var stub = UdpDnsStub.Silent();
        var probe = new RecordingProbe();
        var result = await DomainProbe.ProbeAsync(TestZones.Ordered, stub.Settings(TimeSpan.FromMilliseconds(300)), probe.ProbeAsync);

        Assert.That(probe.Calls, Is.Empty);
        Assert.That(result.Exchangers.Kind, Is.EqualTo(ExchangerResolutionKind.Timeout));
        // Issue 16: a resolver that never answers is an Error (exit 1), not a green run of Inconclusive results.
        Assert.That(result.DomainChecks.Single(r => r.ScenarioId == DnsChecks.Exchangers).Verdict, Is.EqualTo(Verdict.Error));
        Assert.That(result.DomainChecks.Where(r => r.Verdict == Verdict.Inconclusive), Is.Empty, "one cause, said once");
    }

    [Test]
    public async Task ProbeAsync_CancelledDuringAHostProbe_Throws()
    {
        using var cancel = new CancellationTokenSource();
        var settings = await SettingsAsync();
        var calls = 0;
        Task<IReadOnlyList<ScenarioResult>> Probe(Exchanger exchanger, IPAddress address)
        {
            calls++;
            cancel.Cancel();
            throw new OperationCanceledException(cancel.Token);
        }

        Assert.That(async () => await DomainProbe.ProbeAsync(TestZones.Ordered, settings, Probe, cancel.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(calls, Is.EqualTo(1));
    }

    [TestCase(SmtpFault.OpenRelay, Verdict.Fail)]
    [TestCase(SmtpFault.None, Verdict.Pass)]
    public async Task ProbeAsync_PoliteProbeBehindAnMx_GradesTheServerTheMxNames(SmtpFault fault, Verdict relayVerdict)
    {
        // smtp.fakes.example.test resolves to 127.0.0.1, where the fake listens (on a port of its own choosing).
        await using var fake = FakeTarget.Start(fault);
        var root = RepositoryLayout.FindRoot()!;
        var relayForms = ScenarioLoader.LoadDirectory(Path.Combine(root, "scenarios")).Scenarios.Where(s => RelaySummary.IsRelayForm(s.Id)).Take(3).ToList();
        async Task<IReadOnlyList<ScenarioResult>> ProbeHost(Exchanger exchanger, IPAddress address)
        {
            var options = new ProbeOptions
            {
                Host = address.ToString(),
                Port = fake.Smtp.Port,
                Domain = TestZones.Fakes,
                Delay = TimeSpan.FromMilliseconds(5),
                StepTimeout = TimeSpan.FromSeconds(2),
                GreetingTimeout = TimeSpan.FromSeconds(5),
            };
            var report = await Probe.RunAsync(options, relayForms);
            return report.Entries.Select(e => e.Result).ToList();
        }

        var result = await DomainProbe.ProbeAsync(TestZones.Fakes, await SettingsAsync(), ProbeHost);

        Assert.That(result.Contacted, Is.EqualTo(new[] { "127.0.0.1 (smtp.fakes.example.test, preference 10)" }));
        var host = result.Hosts.Single();
        Assert.That(host.Results.Select(r => r.ScenarioId), Is.EqualTo(relayForms.Select(s => s.Id)));
        Assert.That(host.Results.Select(r => r.Verdict), Is.All.EqualTo(relayVerdict), string.Join("\n", host.Results.Select(r => $"{r.ScenarioId}: {r.Verdict} {r.Summary}")));
        Assert.That(fake.Smtp.Accepted, Is.Empty, "the polite probe sent no message");
    }

    [Test]
    public void DnsChecksEntry_DomainResult_CarriesRuleAndLevelForReports()
    {
        var result = new ScenarioResult { ScenarioId = DnsChecks.SpfLookupLimit, Target = "example.test", Verdict = Verdict.Fail, Summary = "x" };

        var entry = DnsChecks.Entry(result);

        Assert.That((entry.Scenario.Rule, entry.Scenario.Level, entry.Scenario.Protocol), Is.EqualTo(("RFC 7208 §4.6.4", Level.Must, "dns")));
        Assert.That(entry.Scenario.Tags, Does.Contain("spf"));
        Assert.That(() => DnsChecks.Entry(result with { ScenarioId = "smtp/other" }), Throws.ArgumentException);
    }
}
