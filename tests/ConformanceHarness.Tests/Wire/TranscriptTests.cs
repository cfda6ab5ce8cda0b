using System.Text;
using ConformanceHarness.Wire;

namespace ConformanceHarness.Tests.Wire;

public sealed class TranscriptTests
{
    [TestCase("EHLO x\r\n", "C: EHLO x⏎")]
    [TestCase("DATA\n", "C: DATA\\n")]
    [TestCase("MAIL FROM:<a>\rRCPT TO:<b>\r\n", "C: MAIL FROM:<a>\\rRCPT TO:<b>⏎")]
    [TestCase("A\0B\r\n", "C: A\\x00B⏎")]
    [TestCase("tab\there\r\n", "C: tab\there⏎")]
    [TestCase("back\\slash\r\n", "C: back\\\\slash⏎")]
    [TestCase("bell\x07\x7F\r\n", "C: bell\\x07\\x7F⏎")]
    [TestCase("no terminator", "C: no terminator")]
    public void Render_ClientLine_MakesControlBytesVisible(string sent, string expected)
    {
        var transcript = new Transcript();
        transcript.Client(Encoding.UTF8.GetBytes(sent));
        Assert.That(transcript.Render(), Is.EqualTo(expected + Environment.NewLine));
    }

    [Test]
    public void Render_BareCrInsideServerReply_StaysOnOneLine()
    {
        var transcript = new Transcript();
        transcript.Server("250 a\rb\r\n"u8);
        Assert.That(transcript.Render(), Is.EqualTo("S: 250 a\\rb⏎" + Environment.NewLine));
    }

    [Test]
    public void Render_BareLfThenCrlf_IsTwoLines()
    {
        var transcript = new Transcript();
        transcript.Client("line1\nline2\r\n"u8);
        Assert.That(transcript.Render(), Is.EqualTo($"C: line1\\n{Environment.NewLine}C: line2⏎{Environment.NewLine}"));
    }

    [Test]
    public void Render_Utf8AndInvalidBytes_Utf8ReadableInvalidEscaped()
    {
        var transcript = new Transcript();
        transcript.Server([.. "250 caf\u00e9 "u8, 0xFF, (byte)'\r', (byte)'\n']);
        Assert.That(transcript.Render(), Is.EqualTo("S: 250 café \\xFF⏎" + Environment.NewLine));
    }

    [Test]
    public void Render_SecondConnectionAndNote_ArePrefixed()
    {
        var transcript = new Transcript();
        transcript.Note("connected", "second");
        transcript.Server("220 hi\r\n"u8, "second");
        Assert.That(transcript.Render(), Is.EqualTo($"[second] -- connected{Environment.NewLine}[second] S: 220 hi⏎{Environment.NewLine}"));
    }

    [Test]
    public void Server_ChunksWithoutLineEnd_AreCoalescedIntoOneEntry()
    {
        var transcript = new Transcript();
        transcript.Server("2"u8);
        transcript.Server("20 slow\r\n"u8);
        transcript.Server("250 next\r\n"u8);
        Assert.That(transcript.Entries.Select(e => Encoding.ASCII.GetString(e.Bytes)), Is.EqualTo(new[] { "220 slow\r\n", "250 next\r\n" }));
    }

    [Test]
    public void Client_EmptyBytes_AddsNoEntry()
    {
        var transcript = new Transcript();
        transcript.Client([]);
        Assert.That(transcript.Entries, Is.Empty);
    }
}
