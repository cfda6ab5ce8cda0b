using ConformanceHarness.Pop3;
using ConformanceHarness.Running;
using ConformanceHarness.Tests.Fakes;
using ConformanceHarness.Tests.Support;
using ConformanceHarness.Wire;

namespace ConformanceHarness.Tests.Running;

/// <summary>
/// Framing is checked, not assumed (RFC 5321 §4.2, §4.2.1; RFC 1939 §3): bytes that answer no command stop the
/// dialogue with a framing error; replies queued for pipelined commands (RFC 2920) do not.
/// </summary>
public sealed class FramingCheckTests
{
    private const string EhloThenMail = """
        S: 220
        C: EHLO client.example.test
        S: 250
        C: MAIL FROM:<someone@example.net>
        S: 250
        C: QUIT
        S: 221
        """;

    [Test]
    public async Task EhloEveryLineLast_NextReplyIsNotMatched_FramingErrorNamesTheRule()
    {
        await using var fake = FakeTarget.Start(SmtpFault.EhloEveryLineLast);
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp(EhloThenMail), fake.Target);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Fail), InlineScenario.Explain(result));
        Assert.That(result.Summary, Does.StartWith("framing error").And.Contains("RFC 5321 §4.2").And.Contains("§4.2.1"));
        Assert.That(result.Line, Is.EqualTo(3), "the dialogue stops at the EHLO reply, before MAIL is matched to a stray line");
        Assert.That(result.Cause?.Key, Is.EqualTo("framing:smtp:after-EHLO"));
        Assert.That(result.Actual, Does.Contain("250 PIPELINING"));
    }

    [Test]
    public async Task CorrectMultiLineEhlo_NoFramingError()
    {
        await using var fake = FakeTarget.Start();
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp(EhloThenMail), fake.Target);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), InlineScenario.Explain(result));
        Assert.That(result.Cause, Is.Null);
    }

    [Test]
    public async Task PipelinedCommands_QueuedRepliesAreInStep()
    {
        await using var fake = FakeTarget.Start();
        var scenario = InlineScenario.Smtp("""
            S: 220
            C: EHLO client.example.test
            S: 250
            C: MAIL FROM:<someone@example.net>
            C: RSET
            C: NOOP
            S: 250
            S: 250
            S: 250
            C: QUIT
            S: 221
            """);
        var result = await InlineScenario.RunAsync(scenario, fake.Target);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), InlineScenario.Explain(result));
    }

    [Test]
    public async Task OutputBeforeAnyCommand_FramingErrorAfterTheGreeting()
    {
        await using var server = new ReplayServer("220 mx.example.test ESMTP\r\n250 nobody asked\r\n");
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp("S: 220\nC: QUIT\nS: 221\n"), FakeTarget.OneRole(server, "smtp"));
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Fail), InlineScenario.Explain(result));
        Assert.That(result.Cause?.Key, Is.EqualTo("framing:smtp:after-greeting"));
        Assert.That(result.Line, Is.EqualTo(1));
    }

    [Test]
    public async Task ExtraReplyArrivingLate_CaughtBeforeTheNextCommand()
    {
        await using var server = ReplayServer.Chunked(TimeSpan.FromMilliseconds(150), "220 mx.example.test ESMTP\r\n", "250 late and unasked\r\n");
        var scenario = InlineScenario.Smtp("S: 220\nPAUSE 0.5s\nC: NOOP\nS: 250\n");
        var result = await InlineScenario.RunAsync(scenario, FakeTarget.OneRole(server, "smtp"));
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Fail), InlineScenario.Explain(result));
        Assert.That(result.Summary, Does.StartWith("framing error"));
        Assert.That(result.Line, Is.EqualTo(4), "stopped where the NOOP was about to be written");
        Assert.That(result.RenderTranscript(), Does.Not.Contain("C: NOOP"), "NOOP never went out: the stray 250 was not read as its reply");
    }

    [Test]
    public async Task Unsolicited421_IsNotAFramingError()
    {
        await using var server = new ReplayServer("220 mx.example.test ESMTP\r\n421 shutting down\r\n", closeAfter: true);
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp("S: 220\nC: QUIT\nS: 221 | close\n"), FakeTarget.OneRole(server, "smtp"));
        Assert.That(result.Cause, Is.Null, InlineScenario.Explain(result));
    }

    /// <summary>Dovecot after three bad commands: one more -ERR, then the close. Without the close, it is out of step.</summary>
    [TestCase(true, null)]
    [TestCase(false, "framing:pop3:after-STAT")]
    public async Task Pop3LastWordBeforeClosing_IsNotAFramingError(bool closes, string? cause)
    {
        string[] chunks = ["+OK ready\r\n", "-ERR Unknown command.\r\n-ERR Too many invalid bad commands.\r\n"];
        await using var server = closes ? ReplayServer.ChunkedThenClose(TimeSpan.FromMilliseconds(200), chunks) : ReplayServer.Chunked(TimeSpan.FromMilliseconds(200), chunks);
        var result = await InlineScenario.RunAsync(InlineScenario.Pop3("S: +OK\nC: STAT\nS: -ERR\nC: QUIT\nS: +OK | -ERR | close\n"), FakeTarget.OneRole(server, "pop3"));
        Assert.That(result.Cause?.Key, Is.EqualTo(cause), InlineScenario.Explain(result));
        Assert.That(result.Verdict, Is.EqualTo(closes ? Verdict.Pass : Verdict.Fail), InlineScenario.Explain(result));
    }

    [Test]
    public async Task Pop3Body_UnstuffedLine_IsAFramingFailure()
    {
        await using var server = new ReplayServer("+OK 2 lines\r\nfirst\r\n.leading dot\r\n.\r\n");
        await using var wire = await Wires.ConnectAsync(server);
        var (reply, failure) = await Pop3ReplyReader.ReadAsync(wire, WireOptions.Default, multiLine: true, Wires.Within());
        Assert.That(reply, Is.Null);
        Assert.That(failure!.Kind, Is.EqualTo(ReadFailureKind.Framing));
        Assert.That(failure.Violation, Is.EqualTo("unstuffed"));
    }

    [Test]
    public async Task Pop3Body_StuffedLine_IsUnstuffed()
    {
        await using var server = new ReplayServer("+OK 2 lines\r\nfirst\r\n..leading dot\r\n.\r\n");
        await using var wire = await Wires.ConnectAsync(server);
        var (reply, failure) = await Pop3ReplyReader.ReadAsync(wire, WireOptions.Default, multiLine: true, Wires.Within());
        Assert.That(failure, Is.Null);
        Assert.That(reply!.Body, Is.EqualTo(new[] { "first", ".leading dot" }));
    }

    [Test]
    public async Task Pop3Body_WithoutTerminator_IsAFramingFailure()
    {
        await using var server = new ReplayServer("+OK 1 message\r\n1 120\r\n");
        await using var wire = await Wires.ConnectAsync(server);
        var (reply, failure) = await Pop3ReplyReader.ReadAsync(wire, WireOptions.Default, multiLine: true, Wires.Within(0.5));
        Assert.That(reply, Is.Null);
        Assert.That(failure!.Kind, Is.EqualTo(ReadFailureKind.Framing));
        Assert.That(failure.Violation, Is.EqualTo("unterminated"));
    }
}
