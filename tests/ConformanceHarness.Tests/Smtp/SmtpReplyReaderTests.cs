using ConformanceHarness.Smtp;
using ConformanceHarness.Tests.Fakes;
using ConformanceHarness.Tests.Support;
using ConformanceHarness.Wire;

namespace ConformanceHarness.Tests.Smtp;

public sealed class SmtpReplyReaderTests
{
    [Test]
    public async Task ReadAsync_SingleLine_ParsesCodeAndText()
    {
        var (reply, failure) = await ReadAsync("220 mx.example.test ESMTP\r\n");
        Assert.That(failure, Is.Null);
        Assert.That((reply!.Code, reply.Class, reply.Text), Is.EqualTo((220, 2, "mx.example.test ESMTP")));
    }

    [Test]
    public async Task ReadAsync_Continuation_CollectsEveryLine()
    {
        var (reply, _) = await ReadAsync("250-mx.example.test\r\n250-PIPELINING\r\n250 8BITMIME\r\n");
        Assert.That(reply!.Lines, Is.EqualTo(new[] { "mx.example.test", "PIPELINING", "8BITMIME" }));
        Assert.That(reply.Raw, Is.EqualTo(new[] { "250-mx.example.test", "250-PIPELINING", "250 8BITMIME" }));
    }

    [Test]
    public async Task ReadAsync_ReplyFollowedByAnother_ReadsOnlyTheFirst()
    {
        await using var server = new ReplayServer("250-a\r\n250 b\r\n221 bye\r\n");
        await using var wire = await Wires.ConnectAsync(server);
        var (first, _) = await SmtpReplyReader.ReadAsync(wire, WireOptions.Default, Wires.Within());
        var (second, _) = await SmtpReplyReader.ReadAsync(wire, WireOptions.Default, Wires.Within());
        Assert.That((first!.Code, first.Lines.Count, second!.Code), Is.EqualTo((250, 2, 221)));
    }

    [Test]
    public async Task ReadAsync_CodeOnly_HasEmptyText()
    {
        var (reply, _) = await ReadAsync("250\r\n");
        Assert.That((reply!.Code, reply.Text), Is.EqualTo((250, string.Empty)));
    }

    [Test]
    public async Task ReadAsync_DifferentCodeOnContinuation_IsMalformedCitingTheRule()
    {
        var (reply, failure) = await ReadAsync("250-a\r\n251 b\r\n");
        Assert.That(reply, Is.Null);
        Assert.That(failure!.Kind, Is.EqualTo(ReadFailureKind.Malformed));
        Assert.That(failure.Detail, Does.Contain("§4.2.1"));
        Assert.That(failure.Partial, Does.Contain("251 b"));
    }

    [TestCase("hello there\r\n")]
    [TestCase("25 short\r\n")]
    [TestCase("250_underscore\r\n")]
    [TestCase("650 first digit too high\r\n")]
    [TestCase("160 first digit too low\r\n")]
    [TestCase("260 second digit too high\r\n")]
    [TestCase("+OK a POP3 server\r\n")]
    [TestCase("\r\n")]
    public async Task ReadAsync_NotAReplyLine_IsMalformed(string bytes)
    {
        var (reply, failure) = await ReadAsync(bytes);
        Assert.That(reply, Is.Null);
        Assert.That(failure!.Kind, Is.EqualTo(ReadFailureKind.Malformed));
    }

    [Test]
    public async Task ReadAsync_EnhancedCode_IsParsedFromTheFirstLine()
    {
        var (reply, _) = await ReadAsync("550-5.7.1 relay denied\r\n550 5.7.1 go away\r\n");
        Assert.That(reply!.Enhanced, Is.EqualTo(new EnhancedStatusCode(5, 7, 1)));
    }

    [Test]
    public async Task ReadAsync_NoEnhancedCode_EnhancedIsNull()
    {
        var (reply, _) = await ReadAsync("250 Ok\r\n");
        Assert.That(reply!.Enhanced, Is.Null);
    }

    [Test]
    public async Task ReadAsync_BareLineFeeds_AreCounted()
    {
        var (reply, _) = await ReadAsync("250-a\n250-b\r\n250 c\n");
        Assert.That(reply!.BareLineFeeds, Is.EqualTo(2));
    }

    [Test]
    public async Task ReadAsync_EndlessContinuation_StopsAtMaxReplyLines()
    {
        var endless = string.Concat(Enumerable.Repeat("250-again\r\n", 200));
        var (reply, failure) = await ReadAsync(endless, new WireOptions { MaxReplyLines = 50 });
        Assert.That(reply, Is.Null);
        Assert.That(failure!.Kind, Is.EqualTo(ReadFailureKind.TooLarge));
        Assert.That(failure.Detail, Does.Contain("50"));
    }

    [Test]
    public async Task ReadAsync_LineLongerThanBound_IsTooLarge()
    {
        var (_, failure) = await ReadAsync("250 " + new string('x', 3000) + "\r\n", new WireOptions { MaxLineBytes = 1000 });
        Assert.That(failure!.Kind, Is.EqualTo(ReadFailureKind.TooLarge));
    }

    [Test]
    public async Task ReadAsync_ClosedMidReply_IsClosedWithWhatArrived()
    {
        var (_, failure) = await ReadAsync("250-first\r\n250-sec", closeAfter: true);
        Assert.That(failure!.Kind, Is.EqualTo(ReadFailureKind.Closed));
        Assert.That(failure.Partial, Does.Contain("250-first").And.Contain("250-sec"));
    }

    [TestCase("250 ok", 250, true, "ok")]
    [TestCase("250-ok", 250, false, "ok")]
    [TestCase("354", 354, true, "")]
    [TestCase("421 ", 421, true, "")]
    public void TryParseLine_ValidLine_SplitsCodeSeparatorText(string line, int code, bool last, string text)
    {
        Assert.That(SmtpReplyReader.TryParseLine(line, out var c, out var l, out var t), Is.True);
        Assert.That((c, l, t), Is.EqualTo((code, last, text)));
    }

    private static async Task<(SmtpReply? Reply, ReadFailure? Failure)> ReadAsync(string bytes, WireOptions? options = null, bool closeAfter = false)
    {
        await using var server = new ReplayServer(bytes, closeAfter);
        options ??= WireOptions.Default;
        await using var wire = await Wires.ConnectAsync(server, options);
        return await SmtpReplyReader.ReadAsync(wire, options, Wires.Within());
    }
}
