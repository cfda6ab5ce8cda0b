using ConformanceHarness.Delivery;
using ConformanceHarness.Scenarios;

namespace ConformanceHarness.Tests.Scenarios;

/// <summary>same / differs (captured values) and received-first-lacks (the delivered copy's topmost trace line).</summary>
public sealed class ComparisonChecksTests
{
    private static CheckContext Context(params DeliveredMessage[] delivered) => new(null, null, delivered, new Dictionary<string, string>());

    private static DeliveredMessage Message(string text) => new(null, [], System.Text.Encoding.UTF8.GetBytes(text), DateTimeOffset.UtcNow);

    [TestCase("252 == 252", null)]
    [TestCase("250 == 550", "differ (250 vs 550)")]
    [TestCase("250", "A == B")]
    public void Same(string argument, string? failure)
    {
        var result = ReplyChecks.Evaluate("same", argument, Context());
        Assert.That(result, failure is null ? Is.Null : Does.Contain(failure));
    }

    [TestCase("250 != 550", null)]
    [TestCase("252 != 252", "both are '252'")]
    [TestCase("252", "A != B")]
    public void Differs(string argument, string? failure)
    {
        var result = ReplyChecks.Evaluate("differs", argument, Context());
        Assert.That(result, failure is null ? Is.Null : Does.Contain(failure));
    }

    [Test]
    public void ReceivedFirstLacks_ServerLineOnTop_Passes() =>
        Assert.That(ReplyChecks.Evaluate("received-first-lacks", "FORGED", Context(Message("Received: from client\r\n\tby mx; now\r\nReceived: from FORGED by mx\r\nFrom: a\r\n\r\nbody\r\n"))), Is.Null);

    [Test]
    public void ReceivedFirstLacks_ForgedLineOnTop_Fails() =>
        Assert.That(ReplyChecks.Evaluate("received-first-lacks", "FORGED", Context(Message("Received: from FORGED\r\n by mx\r\nFrom: a\r\n\r\nbody\r\n"))), Does.Contain("forged"));

    [Test]
    public void ReceivedFirstLacks_NoReceivedOrNoMessage_Fails()
    {
        Assert.That(ReplyChecks.Evaluate("received-first-lacks", "X", Context(Message("From: a\r\n\r\nReceived: in the body\r\n"))), Does.Contain("no Received"));
        Assert.That(ReplyChecks.Evaluate("received-first-lacks", "X", Context()), Does.Contain("DELIVERED first"));
    }

    [Test]
    public void DeliveredHeaders_UnfoldsAndStopsAtTheBody()
    {
        var lines = DeliveredHeaders.Named(Message("Received: a\r\n\tb\r\nFrom: x\r\nSubject: s\r\n\r\nFrom: body\r\n"), ["received", "FROM"]);
        Assert.That(lines, Is.EqualTo(new[] { "Received: a b", "From: x" }));
    }
}
