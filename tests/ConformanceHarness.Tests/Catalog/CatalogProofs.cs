using ConformanceHarness.Running;
using ConformanceHarness.Tests.Fakes;

namespace ConformanceHarness.Tests.Catalog;

/// <summary>
/// The proof table: for every scenario in the catalog, the fake it must pass on and the fakes, each broken in
/// that scenario's rule, it must fail or warn on. A scenario without an entry here fails the catalog tests, so
/// nothing joins the catalog unproven.
/// </summary>
public static partial class CatalogProofs
{
    public static IReadOnlyDictionary<string, Proof> ById { get; } = Build();

    private static Dictionary<string, Proof> Build()
    {
        var proofs = new Dictionary<string, Proof>(StringComparer.Ordinal)
        {
            ["smtp/rfc5321/4.3.1/greeting"] = Correct(Fails(SmtpFault.BareLineFeeds), Warns(SmtpFault.GreetingRefused)),
            ["smtp/rfc5321/4.1.1.1/ehlo"] = Correct(Fails(SmtpFault.EhloMalformedKeyword), Fails(SmtpFault.EhloNotRecognized)),
            ["smtp/rfc5321/4.1.1.1/helo"] = Correct(Fails(SmtpFault.HeloNotRecognized), Fails(SmtpFault.HeloAnsweredLikeEhlo)),
            ["smtp/rfc5321/4.1.1.9/noop"] = Correct(Fails(SmtpFault.NoopRefused), Fails(SmtpFault.NoopClearsTransaction)),
            ["smtp/rfc5321/4.1.1.5/rset"] = Correct(
                Fails(SmtpFault.RsetKeepsTransaction),
                Warns(SmtpFault.OutOfSequenceAs550),
                Scripted("after-mail RSET", "502 5.5.1 RSET not implemented", Verdict.Fail)),
            ["smtp/rfc5321/4.1.1.10/quit"] = Correct(Fails(SmtpFault.QuitWithout221), Fails(SmtpFault.QuitStaysOpen)),
            ["smtp/rfc5321/4.2.4/unknown-command"] = Correct(Fails(SmtpFault.UnknownCommandAccepted), Warns(SmtpFault.UnknownCommandAs502)),
            ["smtp/rfc5321/4.1.4/rcpt-before-mail"] = Correct(
                Fails(SmtpFault.RcptBeforeMailAccepted),
                Warns(SmtpFault.OutOfSequenceAs550),
                Scripted("after-ehlo MAIL", "421 4.3.0 closing after a refusal", Verdict.Fail)),
            ["smtp/rfc5321/4.1.4/data-before-rcpt"] = Correct(
                Fails(SmtpFault.DataBeforeRcptAccepted),
                Warns(SmtpFault.OutOfSequenceAs550),
                Scripted("after-mail DATA", "250 2.0.0 Ok", Verdict.Fail)),

            ["pop3/rfc1939/4/greeting"] = Correct(Fails(Pop3Fault.GreetingNegative), Fails(Pop3Fault.LowerCaseStatus)),
            ["pop3/rfc1939/4/quit"] = Correct(Fails(Pop3Fault.QuitStaysOpen), Fails(Pop3Fault.QuitWithoutReply)),
            ["pop3/rfc1939/5/command-before-login"] = Correct(
                Fails(Pop3Fault.CommandsBeforeLoginAccepted),
                Scripted("authorization LIST", "+OK 0 messages\r\n.", Verdict.Fail)),
            ["pop3/rfc1939/7/user-pass-cleartext"] = new(
                () => FakeTarget.Start(pop3: FakePop3Options.Cleartext()),
                [new("Pop3Fault.RejectsPassword (no STLS)", () => FakeTarget.Start(pop3: FakePop3Options.Cleartext(Pop3Fault.RejectsPassword)), Verdict.Fail)]),
            ["pop3/rfc1939/7/user-pass-after-stls"] = Correct(Fails(Pop3Fault.StlsRefused), Fails(Pop3Fault.RejectsPassword)),
            ["pop3/rfc1939/5/stat"] = Correct(Fails(Pop3Fault.StatVerbose), Scripted("transaction STAT", "+OK 2", Verdict.Fail)),
            ["pop3/rfc1939/5/list"] = Correct(Fails(Pop3Fault.ListUnterminated), Scripted("transaction LIST", "-ERR not now", Verdict.Fail)),
            ["pop3/rfc1939/5/retr"] = Correct(Fails(Pop3Fault.NoByteStuffing), Scripted("transaction RETR", "-ERR no such message", Verdict.Fail)),
        };

        // Each catalog area keeps its proofs in its own file (CatalogProofs.<Area>.cs).
        foreach (var (id, proof) in CommandOrderTable().Concat(SmtpCatalog()).Concat(Pop3Catalog()).Concat(SecurityCatalog()).Concat(SenderAuthCatalog()))
        {
            proofs.Add(id, proof);
        }

        return proofs;
    }

    /// <summary>
    /// smtp/rfc5321/4.1.4/command-order.table.yaml: in each cell the fake answers that command, in that state, with
    /// the wrong kind of reply — a refusal where the table expects success, a 250 where it expects a refusal,
    /// and during DATA a reply to a line of message text (the table then reads that reply where 221 belongs).
    /// </summary>
    private static IEnumerable<(string Id, Proof Proof)> CommandOrderTable()
    {
        string[] commands = ["ehlo", "helo", "mail", "rcpt", "data", "rset", "noop", "quit"];
        var succeeds = new Dictionary<string, string[]>
        {
            ["before-ehlo"] = ["ehlo", "helo", "rset", "noop", "quit"],
            ["after-ehlo"] = ["ehlo", "helo", "mail", "rset", "noop", "quit"],
            ["after-mail"] = ["ehlo", "helo", "rcpt", "rset", "noop", "quit"],
            ["after-rcpt"] = ["ehlo", "helo", "rcpt", "data", "rset", "noop", "quit"],
            ["after-data"] = ["ehlo", "helo", "mail", "rset", "noop", "quit"],
        };

        foreach (var state in succeeds.Keys.Append("during-data"))
        {
            foreach (var command in commands)
            {
                var key = $"{state} {command.ToUpperInvariant()}";
                var breaker = state == "during-data"
                    ? Scripted(key, "250 2.0.0 answered a line of message text", Verdict.Fail)
                    : succeeds[state].Contains(command)
                        ? Scripted(key, "502 5.5.1 refused by a broken fake", Verdict.Fail)
                        : Scripted(key, "250 2.0.0 accepted by a broken fake", key == "before-ehlo MAIL" ? Verdict.Warn : Verdict.Fail);
                yield return ($"smtp/rfc5321/4.1.4/command-order/{state}/{command}", Correct(breaker));
            }
        }

        foreach (var cell in RefusalStates(commands))
        {
            yield return cell;
        }
    }

    /// <summary>
    /// The table's states after a refusal (issue 14 property 7): after a failed AUTH and after RSET the fake is in its
    /// after-ehlo state, after a rejected RCPT in after-mail; the breakers script that state's reply the wrong way.
    /// AUTH needs STARTTLS and AUTH PLAIN on the fake.
    /// </summary>
    private static IEnumerable<(string Id, Proof Proof)> RefusalStates(string[] commands)
    {
        var states = new (string State, string FakeState, string[] Succeeds)[]
        {
            ("after-failed-auth", "after-ehlo", ["ehlo", "helo", "mail", "rset", "noop", "quit"]),
            ("after-rejected-rcpt", "after-mail", ["ehlo", "helo", "rcpt", "rset", "noop", "quit"]),
            ("after-rset", "after-ehlo", ["ehlo", "helo", "mail", "rset", "noop", "quit"]),
        };
        foreach (var (state, fakeState, succeeds) in states)
        {
            var auth = state == "after-failed-auth";
            foreach (var command in commands)
            {
                var key = $"{fakeState} {command.ToUpperInvariant()}";
                var reply = succeeds.Contains(command) ? "502 5.5.1 refused by a broken fake" : "250 2.0.0 accepted by a broken fake";
                var replies = new Dictionary<string, string> { [key] = reply };
                yield return ($"smtp/rfc5321/4.1.4/command-order/{state}/{command}", new(
                    () => FakeTarget.Start(new FakeSmtpOptions { OffersStartTls = auth, AuthPlain = auth }),
                    [new($"scripted '{key}' → '{reply}'", () => FakeTarget.Start(new FakeSmtpOptions { OffersStartTls = auth, AuthPlain = auth, ScriptedReplies = replies }), Verdict.Fail)]));
            }
        }
    }

    /// <summary>The SMTP conformance catalog (RFC 5321 and extensions): CatalogProofs.Smtp.cs.</summary>
    private static partial IEnumerable<(string Id, Proof Proof)> SmtpCatalog();

    /// <summary>The POP3 catalog (RFC 1939, 2449, 2595, 5034): CatalogProofs.Pop3.cs.</summary>
    private static partial IEnumerable<(string Id, Proof Proof)> Pop3Catalog();

    /// <summary>Relay, forgery and enumeration: CatalogProofs.Security.cs.</summary>
    private static partial IEnumerable<(string Id, Proof Proof)> SecurityCatalog();

    /// <summary>SPF, DKIM and DMARC against the test zone: CatalogProofs.SenderAuth.cs.</summary>
    private static partial IEnumerable<(string Id, Proof Proof)> SenderAuthCatalog();

    private static Proof Correct(params Breaker[] breakers) => new(() => FakeTarget.Start(), breakers);

    private static Breaker Fails(SmtpFault fault) => new($"SmtpFault.{fault}", () => FakeTarget.Start(fault), Verdict.Fail);

    private static Breaker Warns(SmtpFault fault) => new($"SmtpFault.{fault}", () => FakeTarget.Start(fault), Verdict.Warn);

    private static Breaker Fails(Pop3Fault fault) => new($"Pop3Fault.{fault}", () => FakeTarget.Start(fault), Verdict.Fail);

    /// <summary>A reply sent instead of the right one; keys starting with an SMTP state go to the SMTP fake, others to POP3.</summary>
    private static Breaker Scripted(string key, string reply, Verdict expected)
    {
        var replies = new Dictionary<string, string> { [key] = reply };
        var pop3 = key.StartsWith("authorization ", StringComparison.Ordinal) || key.StartsWith("transaction ", StringComparison.Ordinal);
        return new(
            $"scripted '{key}' → '{reply.Split('\r')[0]}'",
            pop3 ? () => FakeTarget.Start(pop3: new FakePop3Options { ScriptedReplies = replies }) : () => FakeTarget.Start(new FakeSmtpOptions { ScriptedReplies = replies }),
            expected);
    }
}
