using System.Text;
using ConformanceHarness.Pop3;
using ConformanceHarness.Tests.Fakes;
using ConformanceHarness.Tests.Support;
using ConformanceHarness.Wire;

namespace ConformanceHarness.Tests.Pop3;

public sealed class Pop3ReplyReaderTests
{
    [Test]
    public async Task ReadAsync_Ok_ParsesStatusAndText()
    {
        var (reply, _) = await ReadAsync("+OK POP3 ready\r\n", multiLine: false);
        Assert.That((reply!.Ok, reply.Status, reply.Text, reply.Body), Is.EqualTo((true, "+OK", "POP3 ready", (IReadOnlyList<string>?)null)));
    }

    [Test]
    public async Task ReadAsync_Err_IsNegative()
    {
        var (reply, _) = await ReadAsync("-ERR no such message\r\n", multiLine: false);
        Assert.That((reply!.Ok, reply.Status, reply.Text), Is.EqualTo((false, "-ERR", "no such message")));
    }

    [Test]
    public async Task ReadAsync_BareStatus_HasEmptyText()
    {
        var (reply, _) = await ReadAsync("+OK\r\n", multiLine: false);
        Assert.That((reply!.Ok, reply.Text), Is.EqualTo((true, string.Empty)));
    }

    [Test]
    public async Task ReadAsync_LowerCaseStatus_IsKeptAsSentForGrading()
    {
        var (reply, _) = await ReadAsync("+ok fine\r\n", multiLine: false);
        Assert.That((reply!.Ok, reply.Status), Is.EqualTo((true, "+ok")));
    }

    [TestCase("hello\r\n")]
    [TestCase("+OKAY\r\n")]
    [TestCase("220 an SMTP server\r\n")]
    [TestCase("\r\n")]
    public async Task ReadAsync_NoStatusIndicator_IsMalformed(string bytes)
    {
        var (reply, failure) = await ReadAsync(bytes, multiLine: false);
        Assert.That(reply, Is.Null);
        Assert.That(failure!.Kind, Is.EqualTo(ReadFailureKind.Malformed));
    }

    [Test]
    public async Task ReadAsync_MultiLine_UndoesByteStuffing()
    {
        var (reply, _) = await ReadAsync("+OK 3 octets\r\nSubject: x\r\n\r\n..leading dot\r\n...two dots\r\nend\r\n.\r\n", multiLine: true);
        Assert.That(reply!.Body, Is.EqualTo(new[] { "Subject: x", string.Empty, ".leading dot", "..two dots", "end" }));
        Assert.That(Encoding.ASCII.GetString(reply.BodyBytes!), Is.EqualTo("Subject: x\r\n\r\n.leading dot\r\n..two dots\r\nend\r\n"));
    }

    [Test]
    public async Task ReadAsync_MultiLine_StopsAtTheTerminator()
    {
        await using var server = new ReplayServer("+OK\r\n1 100\r\n.\r\n+OK next\r\n");
        await using var wire = await Wires.ConnectAsync(server);
        var (list, _) = await Pop3ReplyReader.ReadAsync(wire, WireOptions.Default, multiLine: true, Wires.Within());
        var (next, _) = await Pop3ReplyReader.ReadAsync(wire, WireOptions.Default, multiLine: false, Wires.Within());
        Assert.That((list!.Body!.Count, next!.Text), Is.EqualTo((1, "next")));
    }

    [Test]
    public async Task ReadAsync_MultiLineErr_ReadsOnlyTheStatusLine()
    {
        // The server stays open and sends nothing more: reading a body would hang.
        var (reply, _) = await ReadAsync("-ERR no such message\r\n", multiLine: true);
        Assert.That((reply!.Ok, reply.Body), Is.EqualTo((false, (IReadOnlyList<string>?)null)));
    }

    [Test]
    public async Task ReadAsync_EndlessBody_StopsAtMaxBodyBytes()
    {
        await using var server = new HostileServer(Hostility.EndlessPop3Body, pop3: true);
        var options = new WireOptions { MaxBodyBytes = 64 * 1024 };
        await using var wire = await Wires.ConnectAsync(server, options);
        await Pop3ReplyReader.ReadAsync(wire, options, multiLine: false, Wires.Within());
        await wire.SendAsync("LIST\r\n"u8.ToArray(), Wires.Within());
        var (reply, failure) = await Pop3ReplyReader.ReadAsync(wire, options, multiLine: true, Wires.Within());
        Assert.That(reply, Is.Null);
        Assert.That(failure!.Kind, Is.EqualTo(ReadFailureKind.TooLarge));
    }

    [Test]
    public async Task ReadAsync_ClosedMidBody_IsClosed()
    {
        var (_, failure) = await ReadAsync("+OK\r\n1 100\r\n", multiLine: true, closeAfter: true);
        Assert.That(failure!.Kind, Is.EqualTo(ReadFailureKind.Closed));
        Assert.That(failure.Detail, Does.Contain("without '.'"));
    }

    [TestCase("+OK", true, "+OK", "")]
    [TestCase("-ERR bad", false, "-ERR", "bad")]
    [TestCase("-err bad", false, "-err", "bad")]
    public void TryParseStatus_StatusLine_Splits(string line, bool ok, string status, string text)
    {
        Assert.That(Pop3ReplyReader.TryParseStatus(line, out var o, out var s, out var t), Is.True);
        Assert.That((o, s, t), Is.EqualTo((ok, status, text)));
    }

    private static async Task<(Pop3Reply? Reply, ReadFailure? Failure)> ReadAsync(string bytes, bool multiLine, bool closeAfter = false)
    {
        await using var server = new ReplayServer(bytes, closeAfter);
        await using var wire = await Wires.ConnectAsync(server);
        return await Pop3ReplyReader.ReadAsync(wire, WireOptions.Default, multiLine, Wires.Within());
    }
}
