using ConformanceHarness.Dns;

namespace ConformanceHarness.Tests.Dns;

/// <summary>The MTA-STS TXT record parser (RFC 8461 §3.1), no DNS involved.</summary>
public sealed class MtaStsRecordTests
{
    [TestCase("v=STSv1; id=20240101T000000;", "20240101T000000")]
    [TestCase("v=STSv1;id=abc", "abc")]
    [TestCase("v=STSv1; id=1; ext.name-1=value", "1")]
    [TestCase("v=STSv1 ;  id=ABCDEFGHIJKLMNOPQRSTUVWXYZ012345 ;", "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345")]
    public void Parse_WellFormed_ReadsTheId(string text, string id)
    {
        var record = MtaStsRecord.Parse(text);

        Assert.That(record.Errors, Is.Empty);
        Assert.That(record.Id, Is.EqualTo(id));
    }

    [TestCase("v=STSv1;", "no id= field")]
    [TestCase("v=STSv1; id=", "1 to 32 letters and digits")]
    [TestCase("v=STSv1; id=not-valid!", "1 to 32 letters and digits")]
    [TestCase("v=STSv1; id=ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456", "1 to 32 letters and digits")]
    [TestCase("v=STSv1; id=1; id=2", "more than once")]
    [TestCase("v=STSv1; id=1;; x=y", "empty field")]
    [TestCase("v=STSv1; id=1; bad field", "neither id= nor an extension")]
    [TestCase("v=STSv1; id=1; x=a;b", "neither id= nor an extension")]
    [TestCase("v=STSv2; id=1", "exactly \"v=STSv1\"")]
    public void Parse_Malformed_NamesTheProblem(string text, string problem)
    {
        var record = MtaStsRecord.Parse(text);

        Assert.That(record.Errors, Has.Some.Contains(problem), string.Join(" | ", record.Errors));
    }

    [TestCase("v=STSv1; id=1", true)]
    [TestCase("v=stsv1; id=1", false)]
    [TestCase("v=spf1 -all", false)]
    public void IsMtaSts_VersionIsCaseSensitive(string text, bool expected) =>
        Assert.That(MtaStsRecord.IsMtaSts(text), Is.EqualTo(expected));
}
