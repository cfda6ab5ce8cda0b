using ConformanceHarness.Dns;

namespace ConformanceHarness.Tests.Dns;

/// <summary>The SPF record parser against RFC 7208's ABNF (§4.6.1, §5, §6, §7.1), no DNS involved.</summary>
public sealed class SpfRecordTests
{
    [TestCase("v=spf1", true)]
    [TestCase("v=spf1 -all", true)]
    [TestCase("V=SPF1 -all", true)]
    [TestCase("v=spf1-all", false)]
    [TestCase("v=spf10 -all", false)]
    [TestCase("spf1 -all", false)]
    [TestCase("v=DMARC1; p=none", false)]
    public void IsSpf_Text_IsTheVersionSectionExactly(string text, bool expected) =>
        Assert.That(SpfRecord.IsSpf(text), Is.EqualTo(expected));

    [TestCase("v=spf1 -all")]
    [TestCase("v=spf1 a mx -all")]
    [TestCase("v=spf1 +a:mail.example.test/24 ~mx:example.test//64 ?a/24//64 -all")]
    [TestCase("v=spf1 ip4:192.0.2.0/24 ip4:198.51.100.7 ip6:2001:db8::/32 ip6:::1 -all")]
    [TestCase("v=spf1 include:_spf.example.test exists:%{i}._spf.%{d} -all")]
    [TestCase("v=spf1 exists:%{ir}.%{l1r+-}._spf.%{d2} -all")]
    [TestCase("v=spf1 ptr ptr:example.test -all")]
    [TestCase("v=spf1 redirect=_spf.example.test")]
    [TestCase("v=spf1 -all exp=explain._spf.%{d}")]
    [TestCase("v=spf1 mx foo.bar-baz=anything%%here -all")]
    [TestCase("v=spf1  mx   -all  ")]
    [TestCase("v=spf1 include:example.test. -all")]
    public void Parse_WellFormed_HasNoErrors(string text)
    {
        var record = SpfRecord.Parse(text);

        Assert.That(record.Errors, Is.Empty);
        Assert.That(record.IsValid, Is.True);
    }

    [TestCase("v=spf1 ip4:300.1.1.1 -all", "not a dotted-quad")]
    [TestCase("v=spf1 ip4:192.0.2.0/33 -all", "0 to 32")]
    [TestCase("v=spf1 ip4:192.0.2.0/024 -all", "without leading zeros")]
    [TestCase("v=spf1 ip4:2001:db8::1 -all", "not a dotted-quad")]
    [TestCase("v=spf1 ip6:192.0.2.1 -all", "not an IPv6 address")]
    [TestCase("v=spf1 ip6:2001:db8::/129 -all", "0 to 128")]
    [TestCase("v=spf1 ip4 -all", "needs ':'")]
    [TestCase("v=spf1 a/33 -all", "/33")]
    [TestCase("v=spf1 mx//129 -all", "//129")]
    [TestCase("v=spf1 include -all", "needs ':' and a domain")]
    [TestCase("v=spf1 include:nodot -all", "top-level label")]
    [TestCase("v=spf1 include:example.123 -all", "top-level label")]
    [TestCase("v=spf1 exists:%{x}.example.test -all", "malformed macro")]
    [TestCase("v=spf1 exists:%{i.example.test -all", "malformed macro")]
    [TestCase("v=spf1 include:example.test% -all", "lone '%'")]
    [TestCase("v=spf1 foo:bar -all", "'foo' is not an SPF mechanism")]
    [TestCase("v=spf1 allow -all", "'allow' is not an SPF mechanism")]
    [TestCase("v=spf1 -all:example.test", "all takes no argument")]
    [TestCase("v=spf1 redirect=a.example.test redirect=b.example.test", "appears 2 times")]
    [TestCase("v=spf1 -all exp=a.example.test exp=b.example.test", "appears 2 times")]
    [TestCase("v=spf1 redirect=nodot", "top-level label")]
    [TestCase("v=spf1 a:example.test/24/64 -all", "/64 must be 0 to 32")]
    [TestCase("v=spf1 a:/24 -all", "the domain is empty")]
    [TestCase("v=spf1\tmx -all", "followed by a space")]
    [TestCase("v=spf1 mx\t-all", "other than a space")]
    [TestCase("v=spf1 ptr/24 -all", "ptr takes only")]
    public void Parse_Malformed_NamesTheProblem(string text, string problem)
    {
        var record = SpfRecord.Parse(text);

        Assert.That(record.IsValid, Is.False);
        Assert.That(record.Errors, Has.Some.Contains(problem), string.Join(" | ", record.Errors));
    }

    [Test]
    public void Parse_Directives_ReadQualifierNameDomainAndCidr()
    {
        var record = SpfRecord.Parse("v=spf1 ~a:mail.example.test/24//64 ip4:192.0.2.0/24 include:_spf.example.test redirect=r.example.test ?all");

        Assert.That(record.Terms.Select(t => (t.Qualifier, t.Name, t.IsModifier)), Is.EqualTo(new[]
        {
            ('~', "a", false), ('+', "ip4", false), ('+', "include", false), ('+', "redirect", true), ('?', "all", false),
        }));
        Assert.That((record.Terms[0].DomainSpec, record.Terms[0].Cidr), Is.EqualTo(("mail.example.test", "/24//64")));
        Assert.That((record.Terms[1].Value, record.Terms[1].Cidr), Is.EqualTo(("192.0.2.0", "/24")));
        Assert.That(record.All!.Qualifier, Is.EqualTo('?'));
        Assert.That(record.Redirect!.DomainSpec, Is.EqualTo("r.example.test"));
    }

    [Test]
    public void CountsTowardLookupLimit_EveryQueryingTermAndOnlyThose()
    {
        var record = SpfRecord.Parse("v=spf1 include:i.example.test a mx ptr exists:e.example.test ip4:192.0.2.1 ip6:::1 all redirect=r.example.test exp=x.example.test");

        Assert.That(record.Terms.Where(t => t.CountsTowardLookupLimit).Select(t => t.Name), Is.EqualTo(new[] { "include", "a", "mx", "ptr", "exists", "redirect" }));
    }

    [Test]
    public void HasMacro_OnlyForMacroExpansions()
    {
        var record = SpfRecord.Parse("v=spf1 exists:%{i}.example.test include:100%%.example.test -all");

        Assert.That(record.Terms.Select(t => t.HasMacro), Is.EqualTo(new[] { true, false, false }));
    }
}
