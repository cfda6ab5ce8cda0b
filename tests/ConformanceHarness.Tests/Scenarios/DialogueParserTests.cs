using ConformanceHarness.Scenarios;

namespace ConformanceHarness.Tests.Scenarios;

public sealed class DialogueParserTests
{
    [Test]
    public void Parse_SendLine_KeepsTextLiterallyAndAppendsCrlf()
    {
        var step = Single<SendStep>("C: MAIL FROM:<a#b@example.test>  # data, not a comment");
        Assert.That((step.Template, step.AppendCrlf), Is.EqualTo(("MAIL FROM:<a#b@example.test>  # data, not a comment", true)));
    }

    [Test]
    public void Parse_SendLineWithoutText_SendsAnEmptyLine()
    {
        var step = Single<SendStep>("C:");
        Assert.That((step.Template, step.AppendCrlf), Is.EqualTo((string.Empty, true)));
    }

    [Test]
    public void Parse_RawLine_SendsNoCrlf()
    {
        var step = Single<SendStep>(@"RAW: DATA\n.\r\n");
        Assert.That((step.Template, step.AppendCrlf), Is.EqualTo((@"DATA\n.\r\n", false)));
    }

    [TestCase("S: 250", new[] { "250" }, new string[0])]
    [TestCase("S: 5xx", new[] { "5xx" }, new string[0])]
    [TestCase("S: 25X", new[] { "25x" }, new string[0])]
    [TestCase("S: 250 | 251", new[] { "250", "251" }, new string[0])]
    [TestCase("S: 503 else 5xx", new[] { "503" }, new[] { "5xx" })]
    [TestCase("S: 503 | 554 else 5xx | close", new[] { "503", "554" }, new[] { "5xx", "close" })]
    [TestCase("S: +OK", new[] { "+OK" }, new string[0])]
    [TestCase("S: -ERR else close", new[] { "-ERR" }, new[] { "close" })]
    [TestCase("S: any", new[] { "any" }, new string[0])]
    [TestCase("S: 250   # trailing comment", new[] { "250" }, new string[0])]
    public void Parse_ExpectLine_ReadsPreferredAndTolerated(string line, string[] preferred, string[] tolerated)
    {
        var step = Single<ExpectStep>(line);
        Assert.That(step.Expectation.Preferred.Select(p => p.Text), Is.EqualTo(preferred));
        Assert.That(step.Expectation.Tolerated.Select(p => p.Text), Is.EqualTo(tolerated));
        Assert.That((step.MultiLine, step.Expectation.TextPattern), Is.EqualTo((false, (System.Text.RegularExpressions.Regex?)null)));
    }

    [Test]
    public void Parse_ExpectWithRegex_CompilesPatternWithFlags()
    {
        var step = Single<ExpectStep>(@"S: 220 /^(?<host>\S+) ESMTP/i");
        var regex = step.Expectation.TextPattern!;
        Assert.That(regex.ToString(), Is.EqualTo(@"^(?<host>\S+) ESMTP"));
        Assert.That(regex.IsMatch("MX.example.test esmtp"), Is.True);
        Assert.That(regex.GetGroupNames(), Does.Contain("host"));
    }

    [Test]
    public void Parse_ExpectRegexWithSlashes_ClosesAtTheLastSlash()
    {
        var step = Single<ExpectStep>("S: +OK /^\\d+ \\d+ a/b/");
        Assert.That(step.Expectation.TextPattern!.ToString(), Is.EqualTo("^\\d+ \\d+ a/b"));
    }

    [Test]
    public void Parse_MultiLineExpect_IsMarked()
    {
        var step = Single<ExpectStep>("S+: +OK");
        Assert.That(step.MultiLine, Is.True);
    }

    [Test]
    public void Parse_EveryKeyword_MakesItsStep()
    {
        var steps = DialogueParser.Parse(
            """
            TLS
            EXPECT-CLOSE
            EXPECT-SILENCE 2s
            PAUSE 500ms
            TIMEOUT 1.5s
            CONNECT second
            CONNECT reader pop3
            USE second
            DROP
            SET sender = {{user}}@{{domain}}
            ASSERT ehlo-keywords
            ASSERT has-keyword STARTTLS
            DELIVERED sink {{token}} within 10s
            DELIVERED mailbox {{token}} within 1m count 2
            NOT-DELIVERED sink {{token2}} within 500ms
            """,
            1);
        Assert.That(steps, Is.EqualTo(new Step[]
        {
            new TlsStep(1),
            new ExpectCloseStep(2),
            new ExpectSilenceStep(3, TimeSpan.FromSeconds(2)),
            new PauseStep(4, TimeSpan.FromMilliseconds(500)),
            new TimeoutStep(5, TimeSpan.FromSeconds(1.5)),
            new ConnectStep(6, "second", null),
            new ConnectStep(7, "reader", "pop3"),
            new UseStep(8, "second"),
            new DropStep(9),
            new SetStep(10, "sender", "{{user}}@{{domain}}"),
            new AssertStep(11, "ehlo-keywords", string.Empty),
            new AssertStep(12, "has-keyword", "STARTTLS"),
            new DeliveryStep(13, true, "sink", "{{token}}", TimeSpan.FromSeconds(10), null),
            new DeliveryStep(14, true, "mailbox", "{{token}}", TimeSpan.FromMinutes(1), 2),
            new DeliveryStep(15, false, "sink", "{{token2}}", TimeSpan.FromMilliseconds(500), null),
        }));
    }

    [Test]
    public void Parse_CommentsAndBlankLines_AreSkippedAndLinesKeepFileNumbers()
    {
        var steps = DialogueParser.Parse("# greeting first\nS: 220\n\n   C: QUIT\n# done\nS: 221\n", 7);
        Assert.That(steps.Select(s => s.Line), Is.EqualTo(new[] { 8, 10, 12 }));
    }

    [Test]
    public void Parse_NoSteps_IsAnErrorAtTheFirstLine()
    {
        var error = Assert.Throws<ScenarioFormatException>(() => DialogueParser.Parse("# only a comment\n\n", 4));
        Assert.That((error!.Line, error.Message), Is.EqualTo((4, error.Message)));
        Assert.That(error.Message, Does.Contain("no steps"));
    }

    [TestCase("X: hello", "unknown step 'X:'")]
    [TestCase("HELO there", "unknown step 'HELO'")]
    [TestCase("S:", "needs an expected reply")]
    [TestCase("S: 6xx", "'6xx' is not a reply pattern")]
    [TestCase("S: 2x0", "'2x0' is not a reply pattern")]
    [TestCase("S: OK", "'OK' is not a reply pattern")]
    [TestCase("S: 250 |", "'250 |' has an empty alternative")]
    [TestCase("S: 503 else | 5xx", "has an empty alternative")]
    [TestCase("S: 250 /abc", "is not closed")]
    [TestCase("S: 250 /abc/x", "unknown regex flags 'x'")]
    [TestCase("S: 250 /(/", "invalid regex")]
    [TestCase("RAW:", "RAW: needs bytes")]
    [TestCase(@"RAW: \q", @"unknown escape '\q'")]
    [TestCase(@"C: \x4", "two hex digits")]
    [TestCase(@"C: ends with \", "lone '\\'")]
    [TestCase("PAUSE soon", "PAUSE needs a duration")]
    [TestCase("FILL", "FILL needs the octets to send")]
    [TestCase("EXPECT-SILENCE", "EXPECT-SILENCE needs a duration")]
    [TestCase("TIMEOUT 2h", "TIMEOUT needs a duration")]
    [TestCase("TLS now", "unexpected text after the step: 'now'")]
    [TestCase("EXPECT-CLOSE please", "unexpected text")]
    [TestCase("CONNECT", "CONNECT needs a connection name")]
    [TestCase("CONNECT a b c", "CONNECT needs a connection name")]
    [TestCase("CONNECT a imap", "unknown role 'imap'")]
    [TestCase("USE bad!name", "is not a connection name")]
    [TestCase("SET 1x = 2", "SET needs 'SET name = value'")]
    [TestCase(@"SET x = \z", @"unknown escape '\z'")]
    [TestCase("ASSERT no-such-check", "unknown check 'no-such-check'")]
    [TestCase("DELIVERED inbox T within 1s", "expected 'DELIVERED sink|mailbox")]
    [TestCase("NOT-DELIVERED sink T", "expected 'NOT-DELIVERED sink|mailbox")]
    [TestCase("DELIVERED sink T within soon", "'soon' is not a duration")]
    public void Parse_MalformedLine_ErrorNamesItsFileLine(string line, string message)
    {
        // The bad line is the third of the dialogue, whose first line is line 20 of its file.
        var dialogue = $"S: 220\nC: EHLO client.example.test\n{line}\nS: 250\n";
        var error = Assert.Throws<ScenarioFormatException>(() => DialogueParser.Parse(dialogue, 20));
        Assert.That(error!.Line, Is.EqualTo(22));
        Assert.That(error.Message, Does.Contain(message));
    }

    private static T Single<T>(string line)
        where T : Step
    {
        var steps = DialogueParser.Parse(line, 1);
        Assert.That(steps, Has.Count.EqualTo(1));
        return (T)steps[0];
    }
}
