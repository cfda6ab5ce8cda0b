using System.Net;
using ConformanceHarness.Dns;
using DnsClient;

namespace ConformanceHarness.Tests.Dns;

/// <summary>MX resolution against a real DNS server (dnsmasq on loopback) serving <see cref="TestZones"/>.</summary>
[Category("Dns")]
public sealed class MailDomainResolverTests
{
    private static async Task<MailDomainResolver> ResolverAsync() => new((await TestDns.ServerAsync()).Settings);

    [Test]
    public async Task ResolveExchangers_MxPublishedOutOfOrder_GroupsByPreferenceLowestFirst()
    {
        var resolution = await (await ResolverAsync()).ResolveExchangersAsync(TestZones.Ordered);

        Assert.That(resolution.Kind, Is.EqualTo(ExchangerResolutionKind.Exchangers), resolution.Summary);
        Assert.That(resolution.Groups.Select(g => g.Preference), Is.EqualTo(new[] { 10, 20, 30 }));
        Assert.That(resolution.Groups[0].Exchangers.Select(e => e.Host), Is.EqualTo(new[] { "mx10.ordered.example.test" }));
        Assert.That(resolution.Groups[1].Exchangers.Select(e => e.Host), Is.EquivalentTo(new[] { "mx20a.ordered.example.test", "mx20b.ordered.example.test" }));
        Assert.That(resolution.Groups[2].Exchangers.Select(e => e.Host), Is.EqualTo(new[] { "mx30.ordered.example.test" }));
        Assert.That(resolution.Records, Has.Count.EqualTo(4));
        Assert.That(resolution.AcceptsMail, Is.True);
    }

    [Test]
    public async Task ResolveExchangers_EqualPreferences_KeepTheOrderTheResolverReturned()
    {
        var server = await TestDns.ServerAsync();
        var raw = new LookupClient(new LookupClientOptions(new NameServer(IPAddress.Loopback, server.Port)) { UseCache = false });
        var answer = await raw.QueryAsync(TestZones.Ordered, QueryType.MX);
        var returned = answer.Answers.MxRecords().Where(r => r.Preference == 20).Select(r => r.Exchange.Value.TrimEnd('.')).ToList();

        var resolution = await new MailDomainResolver(server.Settings).ResolveExchangersAsync(TestZones.Ordered);

        Assert.That(resolution.Groups[1].Exchangers.Select(e => e.Host), Is.EqualTo(returned));
    }

    [Test]
    public async Task ResolveExchangers_EachExchanger_HasItsIpv4ThenIpv6Addresses()
    {
        var resolution = await (await ResolverAsync()).ResolveExchangersAsync(TestZones.Ordered);
        var byHost = resolution.Exchangers.ToDictionary(e => e.Host);

        Assert.That(byHost["mx10.ordered.example.test"].Addresses, Is.EqualTo(new[] { IPAddress.Parse("127.0.0.11") }));
        Assert.That(byHost["mx20a.ordered.example.test"].Addresses, Is.EqualTo(new[] { IPAddress.Parse("127.0.0.21"), IPAddress.IPv6Loopback }));
        Assert.That(byHost["mx20b.ordered.example.test"].Addresses, Is.EqualTo(new[] { IPAddress.Parse("127.0.0.22") }));
        Assert.That(byHost["mx30.ordered.example.test"].Addresses, Is.EqualTo(new[] { IPAddress.Parse("127.0.0.31") }));
        Assert.That(resolution.Exchangers.Select(e => e.AddressProblem), Is.All.Null);
        Assert.That(resolution.Exchangers.Select(e => e.IsImplicit), Is.All.False);
    }

    [Test]
    public async Task ResolveExchangers_NoMx_FallsBackToTheDomainsOwnAddresses()
    {
        var resolution = await (await ResolverAsync()).ResolveExchangersAsync(TestZones.NoMx);

        Assert.That(resolution.Kind, Is.EqualTo(ExchangerResolutionKind.ImplicitMx), resolution.Summary);
        var exchanger = resolution.Exchangers.Single();
        Assert.That(exchanger.Host, Is.EqualTo(TestZones.NoMx));
        Assert.That(exchanger.Preference, Is.Zero);
        Assert.That(exchanger.IsImplicit, Is.True);
        Assert.That(exchanger.Addresses, Is.EqualTo(new[] { IPAddress.Parse("127.0.0.40"), IPAddress.IPv6Loopback }));
        Assert.That(resolution.Summary, Does.Contain("implicit MX"));
    }

    [Test]
    public async Task ResolveExchangers_NullMx_AcceptsNoMail()
    {
        var resolution = await (await ResolverAsync()).ResolveExchangersAsync(TestZones.NullMx);

        Assert.That(resolution.Kind, Is.EqualTo(ExchangerResolutionKind.NullMx), resolution.Summary);
        Assert.That(resolution.AcceptsMail, Is.False);
        Assert.That(resolution.Exchangers, Is.Empty);
        Assert.That(resolution.Summary, Does.Contain("accepts no mail"));
        Assert.That(resolution.Records, Is.EqualTo(new[] { "MX 0 ." }));
    }

    [Test]
    public async Task ResolveExchangers_NullMxBesideARealMx_KeepsTheRealOneAndSaysSo()
    {
        var resolution = await (await ResolverAsync()).ResolveExchangersAsync(TestZones.NullMxMixed);

        Assert.That(resolution.Kind, Is.EqualTo(ExchangerResolutionKind.Exchangers));
        Assert.That(resolution.Exchangers.Select(e => e.Host), Is.EqualTo(new[] { "mx.nullmx-mixed.example.test" }));
        Assert.That(resolution.NullMxPreferences, Is.EqualTo(new[] { 0 }));
        Assert.That(resolution.Notes, Has.Some.Contains("RFC 7505"));
    }

    [Test]
    public async Task ResolveExchangers_ExchangerWithoutAddress_IsKeptWithItsProblem()
    {
        var resolution = await (await ResolverAsync()).ResolveExchangersAsync(TestZones.DeadMx);

        var ghost = resolution.Exchangers[0];
        Assert.That(ghost.Host, Is.EqualTo("ghost.deadmx.example.test"));
        Assert.That(ghost.Addresses, Is.Empty);
        Assert.That(ghost.AddressProblem, Does.Contain("NXDOMAIN"));
        Assert.That(ghost.AddressLookupFailed, Is.False);
        Assert.That(resolution.Exchangers[1].Addresses, Is.EqualTo(new[] { IPAddress.Parse("127.0.0.46") }));
    }

    [Test]
    public async Task ResolveExchangers_DomainWithNeitherMxNorAddress_IsNoMailHost()
    {
        var resolution = await (await ResolverAsync()).ResolveExchangersAsync(TestZones.NoMail);

        Assert.That(resolution.Kind, Is.EqualTo(ExchangerResolutionKind.NoMailHost), resolution.Summary);
        Assert.That(resolution.Exchangers, Is.Empty);
    }

    [Test]
    public async Task ResolveExchangers_NonExistentDomain_IsNxdomainNotAnException()
    {
        var resolution = await (await ResolverAsync()).ResolveExchangersAsync(TestZones.Missing);

        Assert.That(resolution.Kind, Is.EqualTo(ExchangerResolutionKind.NonExistentDomain));
        Assert.That(resolution.Summary, Does.Contain("does not exist").And.Contain(TestZones.Missing));
        Assert.That(resolution.Exchangers, Is.Empty);
    }

    [Test]
    public async Task ResolveExchangers_Refused_IsServerFailure()
    {
        var resolution = await (await ResolverAsync()).ResolveExchangersAsync(TestZones.Outside);

        Assert.That(resolution.Kind, Is.EqualTo(ExchangerResolutionKind.ServerFailure));
        Assert.That(resolution.Summary, Does.Contain("REFUSED"));
        Assert.That(resolution.IsLookupFailure, Is.True);
    }

    [Test]
    public async Task ResolveExchangers_ServFail_IsServerFailureWithNoFallback()
    {
        using var stub = UdpDnsStub.ServerFailure();
        var resolution = await new MailDomainResolver(stub.Settings(TimeSpan.FromSeconds(2))).ResolveExchangersAsync(TestZones.Ordered);

        Assert.That(resolution.Kind, Is.EqualTo(ExchangerResolutionKind.ServerFailure));
        Assert.That(resolution.Summary, Does.Contain("SERVFAIL").And.Contain("no fallback"));

        // RFC 5321 §5.1: a temporary error is not "no MX", so no A/AAAA query follows.
        Assert.That(stub.Queries, Is.EqualTo(1));
    }

    [Test]
    public async Task ResolveExchangers_ResolverNeverAnswers_IsTimeoutWithinTheSettings()
    {
        using var stub = UdpDnsStub.Silent();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var resolution = await new MailDomainResolver(stub.Settings(TimeSpan.FromMilliseconds(500))).ResolveExchangersAsync(TestZones.Ordered);

        Assert.That(resolution.Kind, Is.EqualTo(ExchangerResolutionKind.Timeout), resolution.Summary);
        Assert.That(resolution.Summary, Does.Contain("timed out"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public async Task ResolveExchangers_InvalidName_IsInvalidDomain()
    {
        var resolution = await (await ResolverAsync()).ResolveExchangersAsync("bad..example.test");

        Assert.That(resolution.Kind, Is.EqualTo(ExchangerResolutionKind.InvalidDomain));
        Assert.That(resolution.Summary, Does.Contain("empty label"));
    }

    [Test]
    public async Task ResolveExchangers_NameInAnyCaseWithTrailingDot_IsTheSameDomain()
    {
        var resolution = await (await ResolverAsync()).ResolveExchangersAsync("Ordered.EXAMPLE.test.");

        Assert.That(resolution.Domain, Is.EqualTo(TestZones.Ordered));
        Assert.That(resolution.Exchangers, Has.Count.EqualTo(4));
    }

    [Test]
    public void ResolveExchangers_Cancelled_Throws()
    {
        using var stub = UdpDnsStub.Silent();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var resolver = new MailDomainResolver(stub.Settings(TimeSpan.FromSeconds(10)));

        Assert.That(async () => await resolver.ResolveExchangersAsync(TestZones.Ordered, cancel.Token), Throws.InstanceOf<OperationCanceledException>());
    }
}
