using ConformanceHarness.Scenarios;

namespace ConformanceHarness.Tests.Scenarios;

public sealed class ReplyPatternTests
{
    [TestCase("250", 250, true)]
    [TestCase("250", 251, false)]
    [TestCase("25x", 251, true)]
    [TestCase("25x", 261, false)]
    [TestCase("5xx", 554, true)]
    [TestCase("5xx", 421, false)]
    [TestCase("any", 421, true)]
    [TestCase("+OK", 250, false)]
    [TestCase("close", 221, false)]
    public void MatchesSmtp_Code_MatchesByDigitsAndWildcards(string pattern, int code, bool matches)
    {
        Assert.That(ReplyPattern.TryParse(pattern, out var parsed), Is.True);
        Assert.That(parsed!.MatchesSmtp(code), Is.EqualTo(matches));
    }

    [TestCase("+OK", true, true)]
    [TestCase("+OK", false, false)]
    [TestCase("-ERR", false, true)]
    [TestCase("any", false, true)]
    [TestCase("250", true, false)]
    public void MatchesPop3_Status_MatchesItsIndicator(string pattern, bool ok, bool matches)
    {
        Assert.That(ReplyPattern.TryParse(pattern, out var parsed), Is.True);
        Assert.That(parsed!.MatchesPop3(ok), Is.EqualTo(matches));
    }

    [TestCase("2xx")]
    [TestCase("5XX")]
    [TestCase("close")]
    [TestCase("-ERR")]
    public void TryParse_ValidPattern_Succeeds(string text)
    {
        Assert.That(ReplyPattern.TryParse(text, out _), Is.True);
    }

    [TestCase("x50")]
    [TestCase("2x0")]
    [TestCase("600")]
    [TestCase("150")]
    [TestCase("25")]
    [TestCase("2500")]
    [TestCase("+ok")]
    [TestCase("OK")]
    [TestCase("")]
    public void TryParse_NotAPattern_Fails(string text)
    {
        Assert.That(ReplyPattern.TryParse(text, out var pattern), Is.False);
        Assert.That(pattern, Is.Null);
    }
}
