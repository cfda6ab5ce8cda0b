using ConformanceHarness.Delivery;
using ConformanceHarness.Scenarios;
using ConformanceHarness.Smtp;

namespace ConformanceHarness.Tests.Scenarios;

/// <summary>one-of, delivered-has-lines, received-trace, no-separate-message and enhanced-status-all.</summary>
public sealed class SmtpSessionChecksTests
{
    private const string Good =
        "Return-Path: <a@b>\r\nReceived: from client.example.test (unknown [172.17.0.1])\r\n\tby mx.example.test (Postfix) with ESMTP id 4AbC\r\n\tfor <alice@example.test>; Mon, 01 Jan 2024 10:00:00 +0000 (UTC)\r\n"
        + "Received: from trusted-FORGED.example.test by mx with ESMTP id FORGED; Mon, 01 Jan 2024 09:00:00 +0000\r\nSubject: x\r\n\r\n..\r\n.x\r\nlast\r\n";

    private static CheckContext Context(params DeliveredMessage[] delivered) => new(null, null, delivered, new Dictionary<string, string>());

    private static DeliveredMessage Message(string text) => new(null, [], System.Text.Encoding.UTF8.GetBytes(text), DateTimeOffset.UtcNow);

    [TestCase("220:250 220:250 554:503", null)]
    [TestCase("554:250 220:250 554:503", "none of")]
    [TestCase("x", "needs")]
    public void OneOf(string argument, string? failure) =>
        Assert.That(ReplyChecks.Evaluate("one-of", argument, Context()), failure is null ? Is.Null : Does.Contain(failure));

    [TestCase(".. | .x | last", null)]
    [TestCase(".x | ..", "out of place")]
    [TestCase(". | .x", "missing or altered")]
    public void DeliveredHasLines(string argument, string? failure) =>
        Assert.That(ReplyChecks.Evaluate("delivered-has-lines", argument, Context(Message(Good))), failure is null ? Is.Null : Does.Contain(failure));

    [Test]
    public void DeliveredHasLines_NothingDelivered_Fails() =>
        Assert.That(ReplyChecks.Evaluate("delivered-has-lines", "x", Context()), Does.Contain("no delivered message"));

    [Test]
    public void ReceivedTrace_ServerLineAboveForged_Passes() =>
        Assert.That(ReplyChecks.Evaluate("received-trace", "FORGED", Context(Message(Good))), Is.Null);

    [Test]
    public void ReceivedTrace_ForgedOnTop_Fails() =>
        Assert.That(ReplyChecks.Evaluate("received-trace", "FORGED", Context(Message("Received: from trusted-FORGED by mx with ESMTP id 1; Mon, 01 Jan 2024 09:00:00 +0000\r\n\r\nx\r\n"))), Does.Contain("forged"));

    [TestCase("Received: from client ([127.0.0.1]) by mx with ESMTP id 7; yesterday", "does not parse")]
    [TestCase("Received: by mx with ESMTP id 7; Mon, 01 Jan 2024 09:00:00 +0000", "no 'from' clause")]
    [TestCase("Received: from client ([127.0.0.1]) with ESMTP id 7; Mon, 01 Jan 2024 09:00:00 +0000", "no 'by' clause")]
    public void ReceivedTrace_Incomplete_Fails(string line, string failure) =>
        Assert.That(ReplyChecks.Evaluate("received-trace", string.Empty, Context(Message(line + "\r\nSubject: x\r\n\r\nbody\r\n"))), Does.Contain(failure));

    /// <summary>RFC 5321 §4.4: WITH and ID are Opt-info (optional); the peer's address literal is a SHOULD, checked apart.</summary>
    [TestCase("Received: from client ([127.0.0.1]) by mx; Mon, 01 Jan 2024 09:00:00 +0000")]
    [TestCase("Received: from client by mx with ESMTP id 7; Mon, 01 Jan 2024 09:00:00 +0000")]
    public void ReceivedTrace_WithoutOptionalClausesOrTheShouldLiteral_Passes(string line) =>
        Assert.That(ReplyChecks.Evaluate("received-trace", string.Empty, Context(Message(line + "\r\nSubject: x\r\n\r\nbody\r\n"))), Is.Null);

    [TestCase("Received: from client by mx with ESMTP id 7; Mon, 01 Jan 2024 09:00:00 +0000", "names no peer address")]
    [TestCase("Received: from client ([127.0.0.1]) by mx; Mon, 01 Jan 2024 09:00:00 +0000", null)]
    public void ReceivedPeerLiteral_IsTheShouldPart(string line, string? failure)
    {
        var result = ReplyChecks.Evaluate("received-peer-literal", string.Empty, Context(Message(line + "\r\nSubject: x\r\n\r\nbody\r\n")));
        Assert.That(result, failure is null ? Is.Null : Does.Contain(failure));
    }

    [Test]
    public void ReceivedTrace_ForgedLineDropped_Fails() =>
        Assert.That(ReplyChecks.Evaluate("received-trace", "MISSING", Context(Message(Good))), Does.Contain("not below it"));

    [Test]
    public void NoSeparateMessage_TokenOnlyInBody_Passes() =>
        Assert.That(ReplyChecks.Evaluate("no-separate-message", "TOK2", Context(Message("Subject: first\r\n\r\nbody\nMAIL FROM:<x>\nSubject: smuggled TOK2\r\n"))), Is.Null);

    [Test]
    public void NoSeparateMessage_TokenInAHeader_Fails() =>
        Assert.That(ReplyChecks.Evaluate("no-separate-message", "TOK2", Context(Message("Received: from x\r\nSubject: smuggled TOK2\r\n\r\nbody\r\n"))), Does.Contain("smuggled message"));

    [Test]
    public void EnhancedStatusAll_SkipsGreetingAndEhlo_ChecksTheRest()
    {
        var greeting = Reply(220, null, "mx ESMTP");
        var ehlo = new SmtpReply(250, ["mx", "ENHANCEDSTATUSCODES"], null, ["250-mx", "250 ENHANCEDSTATUSCODES"]);
        var ok = Reply(250, new EnhancedStatusCode(2, 1, 0), "2.1.0 Ok");
        var context = Context() with { SessionSmtp = [greeting, ehlo, ok] };
        Assert.That(ReplyChecks.Evaluate("enhanced-status-all", string.Empty, context), Is.Null);

        var wrongClass = Reply(550, new EnhancedStatusCode(2, 0, 0), "2.0.0 no");
        var none = Reply(221, null, "Bye");
        var failure = ReplyChecks.Evaluate("enhanced-status-all", string.Empty, context with { SessionSmtp = [greeting, ehlo, ok, wrongClass, none] });
        Assert.That(failure, Does.Contain("2 of 3").And.Contain("class 2 ≠ 5").And.Contain("'221 Bye' has none"));
    }

    private static SmtpReply Reply(int code, EnhancedStatusCode? enhanced, string text) => new(code, [text], enhanced, [$"{code} {text}"]);
}
