using ConformanceHarness.Scenarios;

namespace ConformanceHarness.Tests.Scenarios;

public sealed class UnescapeTests
{
    [TestCase(@"a\rb", new byte[] { 0x61, 0x0D, 0x62 })]
    [TestCase(@"a\nb", new byte[] { 0x61, 0x0A, 0x62 })]
    [TestCase(@"\0", new byte[] { 0x00 })]
    [TestCase(@"\t", new byte[] { 0x09 })]
    [TestCase(@"\\", new byte[] { 0x5C })]
    [TestCase(@"\x41\xff\x0D", new byte[] { 0x41, 0xFF, 0x0D })]
    [TestCase(@"\\n", new byte[] { 0x5C, 0x6E })]
    [TestCase("é", new byte[] { 0xC3, 0xA9 })]
    [TestCase("", new byte[0])]
    public void ToBytes_Escapes_BecomeTheirBytes(string text, byte[] expected)
    {
        Assert.That(Unescape.ToBytes(text), Is.EqualTo(expected));
    }

    [TestCase(@"\", "lone")]
    [TestCase(@"abc\", "lone")]
    [TestCase(@"\x4", "two hex digits")]
    [TestCase(@"\xg0", "two hex digits")]
    [TestCase(@"\q", @"unknown escape '\q'")]
    public void ToBytes_BadEscape_Throws(string text, string message)
    {
        Assert.That(() => Unescape.ToBytes(text), Throws.InstanceOf<FormatException>().With.Message.Contains(message));
    }

    [Test]
    public void Validate_BadEscape_NamesTheLine()
    {
        var error = Assert.Throws<ScenarioFormatException>(() => Unescape.Validate(@"\q", 42));
        Assert.That(error!.Line, Is.EqualTo(42));
    }
}
