using ConformanceHarness.Scenarios;

namespace ConformanceHarness.Tests.Scenarios;

public sealed class DurationParserTests
{
    [TestCase("500ms", 500)]
    [TestCase("2s", 2000)]
    [TestCase("1.5s", 1500)]
    [TestCase("1m", 60_000)]
    [TestCase(" 0s ", 0)]
    public void TryParse_Duration_InMilliseconds(string text, double milliseconds)
    {
        Assert.That(DurationParser.TryParse(text, out var duration), Is.True);
        Assert.That(duration, Is.EqualTo(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [TestCase("2")]
    [TestCase("2h")]
    [TestCase("-1s")]
    [TestCase("soon")]
    [TestCase("3601s")]
    [TestCase("")]
    public void TryParse_NotADuration_Fails(string text)
    {
        Assert.That(DurationParser.TryParse(text, out _), Is.False);
    }
}
