using System.Net;
using ConformanceHarness.Dns;

namespace ConformanceHarness.Tests.Dns;

/// <summary>Resolver settings as a user types them, and domain-name handling.</summary>
public sealed class DnsSettingsTests
{
    [TestCase("127.0.0.1", "127.0.0.1:53")]
    [TestCase("127.0.0.1:5353", "127.0.0.1:5353")]
    [TestCase(" 10.0.0.53:53 ", "10.0.0.53:53")]
    [TestCase("::1", "[::1]:53")]
    [TestCase("[::1]", "[::1]:53")]
    [TestCase("[::1]:5353", "[::1]:5353")]
    public void TryParseResolver_Address_GivesEndpoint(string text, string expected)
    {
        Assert.That(DnsSettings.TryParseResolver(text, out var resolver, out var error), Is.True, error);
        Assert.That(resolver!.ToString(), Is.EqualTo(expected));
    }

    [TestCase("", "empty")]
    [TestCase("dns.example.test", "not a host name")]
    [TestCase("127.0.0.1:0", "port from 1 to 65535")]
    [TestCase("127.0.0.1:65536", "port from 1 to 65535")]
    [TestCase("127.0.0.1:x", "port from 1 to 65535")]
    [TestCase("[::1", "closing ']'")]
    [TestCase("[::1]:", "port from 1 to 65535")]
    public void TryParseResolver_Bad_SaysWhy(string text, string problem)
    {
        Assert.That(DnsSettings.TryParseResolver(text, out var resolver, out var error), Is.False);
        Assert.That(resolver, Is.Null);
        Assert.That(error, Does.Contain(problem));
    }

    [Test]
    public void Defaults_AreTheSystemResolvers()
    {
        Assert.That(DnsSettings.System.Resolver, Is.Null);
        Assert.That(DnsSettings.System.Describe(), Is.EqualTo("the system's resolvers"));
        Assert.That(DnsSettings.At(IPAddress.Loopback, 5353).Describe(), Is.EqualTo("127.0.0.1:5353"));
    }

    [Test]
    public void Validate_OutOfRange_CarriesTheNumbers()
    {
        Assert.That(() => new DnsSettings { Timeout = TimeSpan.Zero }.Validate(), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("00:00:00"));
        Assert.That(() => new MailDomainResolver(new DnsSettings { Retries = 11 }), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("was 11"));
    }

    [TestCase("Example.TEST.", "example.test")]
    [TestCase(" mx.example.test ", "mx.example.test")]
    [TestCase(".", ".")]
    public void DomainName_Normalize(string name, string expected) =>
        Assert.That(DomainName.Normalize(name), Is.EqualTo(expected));

    [TestCase("example.test", true)]
    [TestCase("example.test.", true)]
    [TestCase("", false)]
    [TestCase("a..b", false)]
    [TestCase("has space.example.test", false)]
    [TestCase("bücher.example.test", false)]
    public void DomainName_IsQueryable(string name, bool expected) =>
        Assert.That(DomainName.IsQueryable(name, out _), Is.EqualTo(expected));

    [Test]
    public void DomainName_IsQueryable_LongLabelAndName_AreRefused()
    {
        Assert.That(DomainName.IsQueryable(new string('a', 64) + ".test", out var label), Is.False);
        Assert.That(label, Does.Contain("63"));
        Assert.That(DomainName.IsQueryable(string.Join('.', Enumerable.Repeat(new string('a', 60), 5)), out var name), Is.False);
        Assert.That(name, Does.Contain("253"));
    }
}
