using ConformanceHarness.Smtp;

namespace ConformanceHarness.Tests.Smtp;

public sealed class EnhancedStatusCodeTests
{
    [TestCase("2.1.0 Ok", "2.1.0")]
    [TestCase("5.7.1", "5.7.1")]
    [TestCase("4.4.999 later", "4.4.999")]
    public void TryParsePrefix_ValidCode_Parses(string text, string expected)
    {
        Assert.That(EnhancedStatusCode.TryParsePrefix(text, out var code), Is.True);
        Assert.That(code!.ToString(), Is.EqualTo(expected));
    }

    [TestCase("3.0.0 no class 3 in RFC 3463")]
    [TestCase("2.1000.0 too long")]
    [TestCase("2.1.0x glued")]
    [TestCase("Ok 2.1.0")]
    [TestCase("2.1 two parts")]
    [TestCase("")]
    public void TryParsePrefix_NotACode_ReturnsFalse(string text)
    {
        Assert.That(EnhancedStatusCode.TryParsePrefix(text, out var code), Is.False);
        Assert.That(code, Is.Null);
    }
}
