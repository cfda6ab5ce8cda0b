using System.Text;
using ConformanceHarness.Tests.Fakes;
using ConformanceHarness.Tests.Support;
using ConformanceHarness.Wire;

namespace ConformanceHarness.Tests.Wire;

public sealed class WireConnectionTests
{
    [Test]
    public async Task ReadLineAsync_CrlfLine_ReturnsTextAndCrlfTerminator()
    {
        await using var server = new ReplayServer("220 ready\r\n");
        await using var wire = await Wires.ConnectAsync(server);
        var line = await wire.ReadLineAsync(Wires.Within());
        Assert.That((line.Status, line.Text, line.Terminator), Is.EqualTo((LineStatus.Line, "220 ready", "\r\n")));
    }

    [TestCase(new[] { "220 a rather long greeting line\r\n", "250 ok\r\n" }, "220 a rather long greeting line", "250 ok")]
    [TestCase(new[] { "220 x\r\n", "250-a\r\n250 bbbbbbbbbbbb\r\n" }, "220 x", "250-a")]
    [TestCase(new[] { "220 first\r\n250 par", "tial\r\n" }, "220 first", "250 partial")]
    public async Task ReadLineAsync_LineArrivingInALaterRead_IsFound(string[] chunks, string first, string second)
    {
        // Regression: the LF search kept an absolute offset while the buffer was compacted under it.
        await using var server = ReplayServer.Chunked(TimeSpan.FromMilliseconds(100), chunks);
        await using var wire = await Wires.ConnectAsync(server);
        var one = await wire.ReadLineAsync(Wires.Within());
        var two = await wire.ReadLineAsync(Wires.Within());
        Assert.That((one.Text, two.Text, two.Status), Is.EqualTo((first, second, LineStatus.Line)));
    }

    [Test]
    public async Task ReadLineAsync_BareLf_TerminatorIsLf()
    {
        await using var server = new ReplayServer("220 ready\n");
        await using var wire = await Wires.ConnectAsync(server);
        var line = await wire.ReadLineAsync(Wires.Within());
        Assert.That((line.Text, line.Terminator), Is.EqualTo(("220 ready", "\n")));
    }

    [Test]
    public async Task ReadLineAsync_BareCrInsideLine_IsPartOfTheText()
    {
        await using var server = new ReplayServer("220 a\rb\r\n");
        await using var wire = await Wires.ConnectAsync(server);
        var line = await wire.ReadLineAsync(Wires.Within());
        Assert.That(line.Text, Is.EqualTo("220 a\rb"));
    }

    [Test]
    public async Task ReadLineAsync_LineLongerThanBound_StopsWithTooLong()
    {
        await using var server = new ReplayServer(new string('x', 5000));
        await using var wire = await Wires.ConnectAsync(server, new WireOptions { MaxLineBytes = 1024 });
        var line = await wire.ReadLineAsync(Wires.Within());
        Assert.That(line.Status, Is.EqualTo(LineStatus.TooLong));
        Assert.That(line.Bytes, Has.Length.LessThanOrEqualTo(16 * 1024));
    }

    [Test]
    public async Task ReadLineAsync_EndlessLine_StopsWithTooLong()
    {
        await using var server = new HostileServer(Hostility.EndlessLine);
        await using var wire = await Wires.ConnectAsync(server, new WireOptions { MaxLineBytes = 1024 });
        var line = await wire.ReadLineAsync(Wires.Within());
        Assert.That(line.Status, Is.EqualTo(LineStatus.TooLong));
    }

    [Test]
    public async Task ReadLineAsync_ServerClosesMidLine_ReturnsClosedWithPartial()
    {
        await using var server = new ReplayServer("220 cut", closeAfter: true);
        await using var wire = await Wires.ConnectAsync(server);
        var line = await wire.ReadLineAsync(Wires.Within());
        Assert.That((line.Status, line.Text), Is.EqualTo((LineStatus.Closed, "220 cut")));
        Assert.That(wire.IsClosed, Is.True);
    }

    [Test]
    public async Task ReadLineAsync_ServerResets_ReturnsResetOrClosed()
    {
        await using var server = new HostileServer(Hostility.ResetMidReply);
        await using var wire = await Wires.ConnectAsync(server);
        LineRead line;
        do
        {
            line = await wire.ReadLineAsync(Wires.Within());
        }
        while (line.IsLine);

        Assert.That(line.Status, Is.AnyOf(LineStatus.Reset, LineStatus.Closed));
    }

    [Test]
    public async Task ReadLineAsync_SilentServer_EndsByCancellation()
    {
        await using var server = new HostileServer(Hostility.Silent);
        await using var wire = await Wires.ConnectAsync(server);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        Assert.That(async () => await wire.ReadLineAsync(timeout.Token), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task CollectAsync_SilentServer_ReturnsNothingAfterTheWindow()
    {
        await using var server = new HostileServer(Hostility.Silent);
        await using var wire = await Wires.ConnectAsync(server);
        var (received, closed) = await wire.CollectAsync(TimeSpan.FromMilliseconds(200), Wires.Within());
        Assert.That((received.Length, closed), Is.EqualTo((0, false)));
    }

    [Test]
    public async Task CollectAsync_ServerSpeaks_ReturnsWhatArrived()
    {
        await using var server = new ReplayServer("220 hello\r\n");
        await using var wire = await Wires.ConnectAsync(server);
        var (received, _) = await wire.CollectAsync(TimeSpan.FromMilliseconds(300), Wires.Within());
        Assert.That(Encoding.ASCII.GetString(received), Is.EqualTo("220 hello\r\n"));
    }

    [Test]
    public async Task WaitForCloseAsync_ServerCloses_ReturnsClosedWithUnreadBytes()
    {
        await using var server = new ReplayServer("221 bye\r\n", closeAfter: true);
        await using var wire = await Wires.ConnectAsync(server);
        var (closed, received) = await wire.WaitForCloseAsync(Wires.Within());
        Assert.That((closed, Encoding.ASCII.GetString(received)), Is.EqualTo((true, "221 bye\r\n")));
    }

    [Test]
    public async Task SendAsync_Bytes_ArriveExactlyAndAreInTheTranscript()
    {
        await using var server = new ReplayServer("220 hi\r\n");
        var transcript = new Transcript();
        await using (var wire = await Wires.ConnectAsync(server, transcript: transcript))
        {
            await wire.SendAsync("DATA\n.\r\n\0"u8.ToArray(), Wires.Within());
            await wire.ReadLineAsync(Wires.Within());
        }

        await WaitUntilAsync(() => server.Connections[0].ReceivedText.Length == 9);
        Assert.That(server.Connections[0].ReceivedText, Is.EqualTo("DATA\n.\r\n\0"));
        Assert.That(transcript.Entries.Where(e => e.Direction == TranscriptDirection.Client).SelectMany(e => e.Bytes), Is.EqualTo("DATA\n.\r\n\0"u8.ToArray()));
    }

    [Test]
    public async Task Abort_ServerSeesTheConnectionEnd()
    {
        await using var server = new ReplayServer("220 hi\r\n");
        await using var wire = await Wires.ConnectAsync(server);
        await wire.ReadLineAsync(Wires.Within());
        wire.Abort();
        await WaitUntilAsync(() => server.OpenConnections == 0);
        Assert.That(wire.IsClosed, Is.True);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(20);
        }
    }
}
