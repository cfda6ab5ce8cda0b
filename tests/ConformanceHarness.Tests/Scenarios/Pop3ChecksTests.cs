using System.Text;
using ConformanceHarness.Delivery;
using ConformanceHarness.Pop3;
using ConformanceHarness.Running;
using ConformanceHarness.Scenarios;

namespace ConformanceHarness.Tests.Scenarios;

/// <summary>The POP3 catalog's checks: scan and unique-id listings, sizes, TOP, integer comparisons, APOP digests, LOCATE.</summary>
public sealed class Pop3ChecksTests
{
    [TestCase("", null)]
    [TestCase("2 320", null)]
    [TestCase("2 321", "STAT said 2 message(s) of 321 octets")]
    [TestCase("3 320", "has 2 message(s) of 320 octets")]
    [TestCase("two", "'COUNT OCTETS'")]
    public void ScanListing_ComparesWithStat(string argument, string? failure)
    {
        var result = Evaluate("scan-listing", argument, Body("1 120", "3 200"));
        Assert.That(result, failure is null ? Is.Null : Does.Contain(failure));
    }

    [TestCase("1  120")]
    [TestCase("0 120")]
    [TestCase("1 12O")]
    [TestCase("1")]
    public void ScanListing_MalformedLine_FailsNamingIt(string line)
    {
        Assert.That(Evaluate("scan-listing", string.Empty, Body(line)), Does.Contain($"'{line}'"));
    }

    [Test]
    public void ScanListing_NumbersOutOfOrder_Fail()
    {
        Assert.That(Evaluate("scan-listing", string.Empty, Body("2 10", "1 10")), Does.Contain("not ascending"));
    }

    [Test]
    public void UidlListing_PrintableUniqueIds_Pass()
    {
        Assert.That(Evaluate("uidl-listing", string.Empty, Body("1 whqtswO00WBw418f9t5JxYwZ", "2 QhdPYR:00WBw1Ph7x7")), Is.Null);
    }

    [TestCase("1 has space")]
    [TestCase("1 tab\there")]
    [TestCase("1 ")]
    public void UidlListing_BadCharacters_Fail(string line)
    {
        Assert.That(Evaluate("uidl-listing", string.Empty, Body(line)), Does.Contain("0x21-0x7E"));
    }

    [Test]
    public void UidlListing_TooLongOrRepeated_Fail()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Evaluate("uidl-listing", string.Empty, Body("1 " + new string('a', 71))), Does.Contain("1-70"));
            Assert.That(Evaluate("uidl-listing", string.Empty, Body("1 same", "2 same")), Does.Contain("same"));
        });
    }

    [Test]
    public void BodyOctets_CountsCrlfLineEnds()
    {
        var reply = new Pop3Reply(true, "+OK", string.Empty, "+OK", ["a", ".b"], "a\r\n.b\r\n"u8.ToArray());
        Assert.Multiple(() =>
        {
            Assert.That(Evaluate("body-octets", "7", reply), Is.Null);
            Assert.That(Evaluate("body-octets", "8", reply), Does.Contain("7 octets"));
            Assert.That(Evaluate("body-octets", "x", reply), Does.Contain("needs a number"));
        });
    }

    [TestCase("2", null)]
    [TestCase("3", "2 body line(s)")]
    public void TopLines_CountsLinesAfterTheHeaders(string argument, string? failure)
    {
        var result = Evaluate("top-lines", argument, Body("Subject: x", "From: y", string.Empty, "one", "two"));
        Assert.That(result, failure is null ? Is.Null : Does.Contain(failure));
    }

    [Test]
    public void TopLines_NoEmptyLine_Fails()
    {
        Assert.That(Evaluate("top-lines", "0", Body("Subject: x")), Does.Contain("no empty line"));
    }

    [TestCase("3 == 4 - 1", null)]
    [TestCase("10 + 2 >= 12", null)]
    [TestCase("-1 < 0", null)]
    [TestCase("3 != 3", "does not hold")]
    [TestCase("5 == 4 - 1", "5 == 3 does not hold")]
    [TestCase("a == 1", "not an integer sum")]
    [TestCase("1 2", "'A op B'")]
    public void Compare_IntegerSums(string argument, string? failure)
    {
        var result = ReplyChecks.Evaluate("compare", argument, Context());
        Assert.That(result, failure is null ? Is.Null : Does.Contain(failure));
    }

    [Test]
    public void Md5Function_IsTheApopDigest()
    {
        // RFC 1939 §7's example: "<1896.697170952@dbc.mtview.ca.us>tanstaaf".
        var variables = new Dictionary<string, string> { ["secret"] = "<1896.697170952@dbc.mtview.ca.us>tanstaaf" };
        Assert.Multiple(() =>
        {
            Assert.That(Template.RenderText("APOP mrose {{md5:secret}}", variables), Is.EqualTo("APOP mrose c4c9334bac560ecc979e58001b3e22fb"));
            Assert.That(Encoding.ASCII.GetString(Template.RenderBytes("{{ md5:secret }}", variables)), Is.EqualTo("c4c9334bac560ecc979e58001b3e22fb"));
            Assert.That(Template.Names("{{md5:secret}}"), Is.EqualTo(new[] { "secret" }));
        });
    }

    [TestCase("+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>", true)]
    [TestCase("+OK Dovecot (Debian) ready.", false)]
    public void Capabilities_Apop_MeansAGreetingTimestamp(string greeting, bool met)
    {
        var capabilities = new Capabilities(new HashSet<string>(), new HashSet<string>(), greeting, null);
        Assert.That(capabilities.Has("apop"), Is.EqualTo(met));
    }

    [TestCase(new[] { "USER", "UIDL" }, true)]
    [TestCase(new string[0], false)]
    public void Capabilities_Capa_MeansTheProbeReadAList(string[] tags, bool met)
    {
        // popa3d answers CAPA with a bare -ERR (RFC 2449 §5: not implemented): the CAPA scenario then skips.
        var capabilities = new Capabilities(new HashSet<string>(tags), new HashSet<string>(), "+OK", null);
        Assert.That(capabilities.Has("capa"), Is.EqualTo(met));
    }

    [Test]
    public void Locate_Parses_TokenAndVariable()
    {
        var step = DialogueParser.Parse("LOCATE {{token}} AS mine", 7).Single();
        Assert.That(step, Is.EqualTo(new LocateStep(7, "{{token}}", "mine")));
    }

    [TestCase("LOCATE {{token}}")]
    [TestCase("LOCATE {{token}} AS 9x")]
    public void Locate_Malformed_NamesTheLine(string line)
    {
        Assert.That(() => DialogueParser.Parse(line, 4), Throws.InstanceOf<ScenarioFormatException>().With.Property(nameof(ScenarioFormatException.Line)).EqualTo(4));
    }

    [Test]
    public void Pop3ReceivedFirst_ServerLineOnTop_Passes()
    {
        var message = Body("Return-Path: <a@b>", "Received: from client.example.test (unknown [172.17.0.1])", "\tby mx.example.test (Postfix) with ESMTP", "Subject: x", string.Empty, "body");
        Assert.Multiple(() =>
        {
            Assert.That(Evaluate("pop3-received-first", "by mx.example.test", message), Is.Null);
            Assert.That(Evaluate("pop3-received-first", "by other.example", message), Does.Contain("lacks 'by other.example'"));
            Assert.That(Evaluate("pop3-received-first", "by", Body("Subject: x", "Received: from a by b", string.Empty)), Does.Contain("'Subject: x'"));
        });
    }

    [Test]
    public void TlsOrClose_Parses()
    {
        Assert.Multiple(() =>
        {
            Assert.That(DialogueParser.Parse("TLS | close", 3).Single(), Is.EqualTo(new TlsStep(3, OrClose: true)));
            Assert.That(DialogueParser.Parse("TLS", 3).Single(), Is.EqualTo(new TlsStep(3)));
            Assert.That(() => DialogueParser.Parse("TLS | 220", 3), Throws.InstanceOf<ScenarioFormatException>());
        });
    }

    [Test]
    public async Task TlsOrClose_ServerClosesInsteadOfTls_EndsAsPass()
    {
        await using var server = new Fakes.ReplayServer("+OK ready\r\n+OK Begin TLS negotiation now.\r\n", closeAfter: true);
        var result = await Support.InlineScenario.RunAsync(
            Support.InlineScenario.Pop3("S: +OK\nC: STLS\nC: CAPA\nS: +OK\nTLS | close\nEXPECT-SILENCE 1s\nC: QUIT\nS: +OK"),
            Fakes.FakeTarget.OneRole(server, "pop3"));
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), Support.InlineScenario.Explain(result));
    }

    private static string? Evaluate(string check, string argument, Pop3Reply reply) => ReplyChecks.Evaluate(check, argument, Context(reply));

    private static Pop3Reply Body(params string[] lines) => new(true, "+OK", string.Empty, "+OK", lines);

    private static CheckContext Context(Pop3Reply? pop3 = null) => new(null, pop3, Array.Empty<DeliveredMessage>(), new Dictionary<string, string>());
}
