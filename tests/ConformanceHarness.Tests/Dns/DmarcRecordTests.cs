using ConformanceHarness.Dns;

namespace ConformanceHarness.Tests.Dns;

/// <summary>The DMARC tag-list parser and report URIs (RFC 7489 §6.3, §6.4), no DNS involved.</summary>
public sealed class DmarcRecordTests
{
    [TestCase("v=DMARC1; p=reject")]
    [TestCase("v=DMARC1;p=none;")]
    [TestCase("v = DMARC1 ; p = quarantine ; sp=reject; adkim=s; aspf=r; pct=0; fo=0:1:d:s; rf=afrf; ri=86400")]
    [TestCase("v=DMARC1; p=reject; np=reject; psd=n")]
    [TestCase("v=DMARC1; p=REJECT; ADKIM=S")]
    public void Parse_WellFormed_HasNoErrors(string text)
    {
        var record = DmarcRecord.Parse(text);

        Assert.That(record.Errors, Is.Empty);
        Assert.That(record.StartsWithVersion, Is.True);
    }

    [TestCase("p=reject; v=DMARC1", "not the first tag")]
    [TestCase("p=reject", "no v= tag")]
    [TestCase("v=DMARC2; p=reject", "exactly \"DMARC1\"")]
    [TestCase("v=dmarc1; p=reject", "exactly \"DMARC1\"")]
    [TestCase("v=DMARC1; p=reject; p=none", "more than once")]
    [TestCase("v=DMARC1; p=reject; sp=block", "sp=block")]
    [TestCase("v=DMARC1; p=reject; adkim=x", "adkim=x")]
    [TestCase("v=DMARC1; p=reject; aspf=relaxed", "aspf=relaxed")]
    [TestCase("v=DMARC1; p=reject; pct=101", "pct=101")]
    [TestCase("v=DMARC1; p=reject; pct=-1", "pct=-1")]
    [TestCase("v=DMARC1; p=reject; fo=2", "fo=2")]
    [TestCase("v=DMARC1; p=reject; ri=soon", "ri=soon")]
    [TestCase("v=DMARC1; p=reject; rf=a f", "rf=a f")]
    [TestCase("v=DMARC1; p=reject; no value here", "not a tag=value pair")]
    [TestCase("v=DMARC1; p=reject; 1p=x", "not a tag=value pair")]
    public void Parse_Malformed_NamesTheProblem(string text, string problem)
    {
        var record = DmarcRecord.Parse(text);

        Assert.That(record.Errors, Has.Some.Contains(problem), string.Join(" | ", record.Errors));
    }

    [Test]
    public void UnknownTags_AreListedNotErrors()
    {
        var record = DmarcRecord.Parse("v=DMARC1; p=reject; np=none; t=y");

        Assert.That(record.UnknownTags, Is.EqualTo(new[] { "np", "t" }));
        Assert.That(record.IsValid, Is.True);
    }

    [TestCase("v=DMARC1; p=reject", true)]
    [TestCase("p=reject; v=DMARC1", true)]
    [TestCase("v=DMARC1x; p=reject", false)]
    [TestCase("v=spf1 -all", false)]
    public void LooksLikeDmarc_HasAVersionTagAnywhere(string text, bool expected) =>
        Assert.That(DmarcRecord.LooksLikeDmarc(text), Is.EqualTo(expected));

    [TestCase("mailto:dmarc@example.test", "mailto", "example.test", null)]
    [TestCase("mailto:dmarc@Example.TEST!10m", "mailto", "example.test", null)]
    [TestCase("mailto:dmarc@example.test!50", "mailto", "example.test", null)]
    [TestCase("https://reports.example.test/dmarc", "https", null, null)]
    [TestCase("dmarc@example.test", null, null, "not an absolute URI")]
    [TestCase("mailto:", "mailto", null, "without a local-part@domain")]
    [TestCase("mailto:nobody", "mailto", null, "without a local-part@domain")]
    [TestCase("", null, null, "empty entry")]
    public void DmarcUri_Parse_ReadsSchemeAndMailDomain(string text, string? scheme, string? domain, string? problem)
    {
        var uri = DmarcUri.Parse(text);

        Assert.That((uri.Scheme, uri.MailDomain), Is.EqualTo((scheme, domain)));
        if (problem is null)
        {
            Assert.That(uri.Problem, Is.Null);
        }
        else
        {
            Assert.That(uri.Problem, Does.Contain(problem));
        }
    }

    [Test]
    public void DmarcUri_ParseList_SplitsOnCommas()
    {
        var uris = DmarcUri.ParseList("mailto:a@x.example.test, mailto:b@y.example.test!1g");

        Assert.That(uris.Select(u => u.MailDomain), Is.EqualTo(new[] { "x.example.test", "y.example.test" }));
    }
}
