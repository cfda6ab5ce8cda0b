using ConformanceHarness.Delivery;
using ConformanceHarness.Pop3;
using ConformanceHarness.Scenarios;
using ConformanceHarness.Smtp;

namespace ConformanceHarness.Tests.Scenarios;

public sealed class ReplyChecksTests
{
    private static readonly SmtpReply Ehlo = Smtp(250, "mx.example.test greets you", "PIPELINING", "SIZE 10240000", "STARTTLS");

    [Test]
    public void EhloKeywords_WellFormedLines_Pass()
    {
        Assert.That(Check("ehlo-keywords", string.Empty, Ehlo), Is.Null);
    }

    [TestCase("_UNDERSCORE")]
    [TestCase("-LEADING-HYPHEN")]
    [TestCase("SIZE  two-spaces")]
    [TestCase("")]
    public void EhloKeywords_MalformedLine_FailsNamingIt(string line)
    {
        Assert.That(Check("ehlo-keywords", string.Empty, Smtp(250, "mx", "PIPELINING", line)), Does.Contain($"'{line}'"));
    }

    [TestCase("has-keyword", "starttls", null)]
    [TestCase("has-keyword", "AUTH", "EHLO does not advertise AUTH")]
    [TestCase("lacks-keyword", "AUTH", null)]
    [TestCase("lacks-keyword", "STARTTLS", "EHLO advertises STARTTLS")]
    [TestCase("text-contains", "GREETS", null)]
    [TestCase("text-lacks", "greets", "the reply text contains 'greets'")]
    public void KeywordAndTextChecks_OnEhloReply(string check, string argument, string? failure)
    {
        Assert.That(Check(check, argument, Ehlo), Is.EqualTo(failure));
    }

    [TestCase("250 2.1.0 Ok", null)]
    [TestCase("550 5.7.1 denied", null)]
    [TestCase("250 Ok", "carries no enhanced status code")]
    [TestCase("550 2.0.0 mixed", "has class 2")]
    public void EnhancedStatus_Reply_IsGraded(string raw, string? failure)
    {
        SmtpReplyFrom(raw, out var reply);
        var result = Check("enhanced-status", string.Empty, reply);
        Assert.That(result, failure is null ? Is.Null : Does.Contain(failure));
    }

    [Test]
    public void Crlf_BareLineFeeds_Fail()
    {
        var reply = Ehlo with { BareLineFeeds = 2 };
        Assert.That(Check("crlf", string.Empty, reply), Does.Contain("2 line(s)").And.Contain("§2.3.8"));
    }

    [TestCase("+OK", null)]
    [TestCase("+ok", "is not upper case")]
    public void Pop3StatusCase_Status_IsGraded(string status, string? failure)
    {
        var result = ReplyChecks.Evaluate("pop3-status-case", string.Empty, Context(pop3: new Pop3Reply(true, status, "hi", status + " hi")));
        Assert.That(result, failure is null ? Is.Null : Does.Contain(failure));
    }

    [Test]
    public void BodyChecks_MultiLineBody_SearchTheUnstuffedLines()
    {
        var pop3 = new Pop3Reply(true, "+OK", string.Empty, "+OK", [".leading", "CH123"]);
        Assert.Multiple(() =>
        {
            Assert.That(ReplyChecks.Evaluate("body-contains", ".leading", Context(pop3: pop3)), Is.Null);
            Assert.That(ReplyChecks.Evaluate("body-lacks", "..leading", Context(pop3: pop3)), Is.Null);
            Assert.That(ReplyChecks.Evaluate("body-contains", "CH999", Context(pop3: pop3)), Does.Contain("does not contain"));
        });
    }

    [Test]
    public void BodyChecks_SingleLineResponse_AskForSPlus()
    {
        var pop3 = new Pop3Reply(true, "+OK", "2 320", "+OK 2 320");
        Assert.That(ReplyChecks.Evaluate("body-contains", "x", Context(pop3: pop3)), Does.Contain("S+:"));
    }

    [Test]
    public void Capa_MalformedTag_Fails()
    {
        var pop3 = new Pop3Reply(true, "+OK", string.Empty, "+OK", ["USER", ".DOT-START"]);
        Assert.That(ReplyChecks.Evaluate("capa", string.Empty, Context(pop3: pop3)), Does.Contain("'.DOT-START'"));
    }

    [TestCase("a == a", null)]
    [TestCase(" a  ==  a ", null)]
    [TestCase("a == b", "'a' differs from 'b'")]
    [TestCase("no operator", "equals needs 'A == B'")]
    public void EqualsCheck_ComparesTrimmedSides(string argument, string? failure)
    {
        Assert.That(ReplyChecks.Evaluate("equals", argument, Context()), Is.EqualTo(failure));
    }

    [Test]
    public void SmtpCheck_NoReplyYet_SaysSo()
    {
        Assert.That(ReplyChecks.Evaluate("ehlo-keywords", string.Empty, Context()), Is.EqualTo("no SMTP reply has been read yet"));
    }

    private static string? Check(string name, string argument, SmtpReply reply) => ReplyChecks.Evaluate(name, argument, Context(smtp: reply));

    private static CheckContext Context(SmtpReply? smtp = null, Pop3Reply? pop3 = null) =>
        new(smtp, pop3, Array.Empty<DeliveredMessage>(), new Dictionary<string, string>());

    private static SmtpReply Smtp(int code, params string[] lines) =>
        new(code, lines, null, [.. lines.Select((l, i) => $"{code}{(i < lines.Length - 1 ? '-' : ' ')}{l}")]);

    private static void SmtpReplyFrom(string raw, out SmtpReply reply)
    {
        Assert.That(SmtpReplyReader.TryParseLine(raw, out var code, out _, out var text), Is.True);
        _ = EnhancedStatusCode.TryParsePrefix(text, out var enhanced);
        reply = new SmtpReply(code, [text], enhanced, [raw]);
    }
}
