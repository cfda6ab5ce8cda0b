using ConformanceHarness.Running;
using ConformanceHarness.Targets;
using ConformanceHarness.Tests.Fakes;

namespace ConformanceHarness.Tests.Catalog;

/// <summary>Proofs for the POP3 catalog.</summary>
public static partial class CatalogProofs
{
    private const string Pop3States = "pop3/rfc1939/3/states";
    private const string Pop3MessageNumbers = "pop3/rfc1939/5/message-number";

    private static partial IEnumerable<(string Id, Proof Proof)> Pop3Catalog()
    {
        foreach (var cell in Pop3StateTable().Concat(Pop3MessageNumberTable()))
        {
            yield return cell;
        }

        yield return ("pop3/rfc1939/3/status-indicators", Correct(Fails(Pop3Fault.LowerCaseStatus), Scripted("authorization XNOSUCHCOMMAND", "+OK sure", Verdict.Fail)));
        yield return ("pop3/rfc1939/7/user-pass-wrong-password", Correct(
            Fails(Pop3Fault.RejectsPassword),
            Scripted("authorization PASS", "+OK Logged in.", Verdict.Fail),
            Pop3Breaker("closes after a failed PASS (allowed, RFC 1939 §4)", ClosesAfterFailure, Verdict.Pass)));
        yield return ("pop3/rfc1939/7/user-pass-unknown-user", Correct(
            Scripted("authorization PASS", "+OK Logged in.", Verdict.Fail),
            Pop3Breaker("closes after a failed PASS (allowed, RFC 1939 §4)", ClosesAfterFailure, Verdict.Pass),
            Scripted("authorization STAT", "+OK 0 0", Verdict.Fail)));
        yield return ("pop3/rfc1939/7/apop", new(
            () => ApopTarget(new FakePop3Options { Apop = true }),
            [
                new("Pop3Fault.RejectsPassword (APOP)", () => ApopTarget(new FakePop3Options { Apop = true, Faults = Pop3Fault.RejectsPassword }), Verdict.Fail),
                new("APOP with a wrong digest accepted", () => ApopTarget(new FakePop3Options { Apop = true, ScriptedReplies = new Dictionary<string, string> { ["authorization APOP"] = "+OK Logged in." } }), Verdict.Fail),
                new("closes after a wrong digest (allowed, RFC 1939 §4)", () => ApopTarget(new FakePop3Options { Apop = true, ClosesAfterFailedLogin = true }), Verdict.Pass),
            ]));

        yield return ("pop3/rfc1939/5/stat-list-consistent", Seeded(
            Pop3Breaker("scripted 'transaction STAT' → '+OK 5 999'", Script("transaction STAT", "+OK 5 999"), Verdict.Fail, seeded: true),
            Pop3Breaker("Pop3Fault.ListUnterminated", new FakePop3Options { Faults = Pop3Fault.ListUnterminated }, Verdict.Fail, seeded: true)));
        yield return ("pop3/rfc1939/5/list-size-matches-retr", Correct(
            Fails(Pop3Fault.SizesWithoutCr),
            Fails(Pop3Fault.NoByteStuffing | Pop3Fault.SizesWithoutCr)));
        yield return ("pop3/rfc1939/5/noop", Seeded(Pop3Breaker("scripted 'transaction NOOP' → '-ERR'", Script("transaction NOOP", "-ERR unknown command"), Verdict.Fail, seeded: true)));
        yield return ("pop3/rfc1939/5/rset", Seeded(Pop3Breaker("scripted 'transaction RSET' → '-ERR'", Script("transaction RSET", "-ERR unknown command"), Verdict.Fail, seeded: true)));
        yield return ("pop3/rfc1939/7/top", Correct(
            Fails(Pop3Fault.TopWholeMessage),
            Scripted("transaction TOP", "-ERR unknown command", Verdict.Fail)));
        yield return ("pop3/rfc1939/7/uidl", Seeded(
            Pop3Breaker("UIDL gives two messages one unique-id", Script("transaction UIDL", "+OK\r\n1 same\r\n2 same\r\n."), Verdict.Fail, seeded: true),
            Pop3Breaker("UIDL unique-id with a space", Script("transaction UIDL", "+OK\r\n1 has space\r\n."), Verdict.Fail, seeded: true)));
        yield return ("pop3/rfc1939/7/uidl-stable", Correct(Fails(Pop3Fault.UidlPerSession)));

        yield return ("pop3/rfc1939/6/dele-marks", Correct(
            Fails(Pop3Fault.DeletedStillServed),
            Scripted("transaction DELE", "-ERR no such message", Verdict.Fail)));
        yield return ("pop3/rfc1939/6/rset-unmarks", Correct(Fails(Pop3Fault.RsetKeepsMarks)));
        yield return ("pop3/rfc1939/6/drop-deletes-nothing", Correct(Fails(Pop3Fault.DisconnectUpdates), Fails(Pop3Fault.DeleExpunges)));

        yield return ("pop3/rfc2449/capa", Correct(
            Scripted("transaction CAPA", "+OK\r\nSASL  PLAIN\r\n.", Verdict.Fail),
            Scripted("transaction CAPA", "-ERR unknown command", Verdict.Fail)));
        yield return ("pop3/rfc2595/stls", Correct(Fails(Pop3Fault.StlsStillOffered), Fails(Pop3Fault.StlsRefused)));
        yield return ("pop3/rfc2595/stls-injection", Correct(Fails(Pop3Fault.StlsInjection)));
        yield return ("pop3/rfc5034/auth-plain", Correct(
            Fails(Pop3Fault.RejectsPassword),
            Scripted("authorization AUTH", "+OK Logged in.", Verdict.Fail)));

        yield return ("pop3/security/cleartext-user-pass", Correct(
            Pop3Breaker("USER/PASS in the clear (STLS offered too)", new FakePop3Options { PlaintextLogin = true }, Verdict.Fail),
            Pop3Breaker("USER/PASS in the clear (no STLS at all)", FakePop3Options.Cleartext(), Verdict.Fail)));
        yield return ("pop3/security/cleartext-auth-plain", Correct(
            Pop3Breaker("AUTH PLAIN in the clear", new FakePop3Options { PlaintextLogin = true }, Verdict.Fail),
            Pop3Breaker("refuses, then closes (allowed, RFC 1939 §4)", ClosesAfterFailure, Verdict.Pass)));
        yield return ("pop3/security/user-enumeration", Correct(
            Fails(Pop3Fault.RevealsUnknownUser),
            Pop3Breaker("closes after a failed PASS (allowed, RFC 1939 §4)", ClosesAfterFailure, Verdict.Pass)));
        yield return ("pop3/security/failed-login-delay", new(
            () => FakeTarget.Start(pop3: new FakePop3Options { AuthFailureDelay = TimeSpan.FromSeconds(1.5) }),
            [
                Pop3Breaker("no delay after a failed login", new FakePop3Options(), Verdict.Warn),
                Pop3Breaker("a 0.5 s delay (below the 1 s threshold and its 100 ms margin)", new FakePop3Options { AuthFailureDelay = TimeSpan.FromSeconds(0.5) }, Verdict.Warn),
                Pop3Breaker("no delay, but closes after a failed login (allowed: the attempt ends)", ClosesAfterFailure, Verdict.Pass),
                Pop3Breaker("waits exactly 1 s (at the threshold)", new FakePop3Options { AuthFailureDelay = TimeSpan.FromSeconds(1) }, Verdict.Pass),
            ]));
        yield return ("pop3/security/second-login", Correct(Fails(Pop3Fault.NoMaildropLock)));

        yield return ("pop3/roundtrip/smtp-to-pop3", new(
            () => FakeTarget.Start(new FakeSmtpOptions { AddsTraceHeader = true }),
            [
                new("SMTP adds no Received: line", () => FakeTarget.Start(), Verdict.Fail),
                new("Pop3Fault.NoByteStuffing", () => FakeTarget.Start(new FakeSmtpOptions { AddsTraceHeader = true }, new FakePop3Options { Faults = Pop3Fault.NoByteStuffing }), Verdict.Fail),
            ]));
    }

    /// <summary>
    /// pop3/rfc1939/3/states.table.yaml: in each cell the fake answers that command, in that state, the wrong way — -ERR
    /// where the table expects +OK, and +OK (a terminated body for multi-line commands) where it expects -ERR.
    /// </summary>
    private static IEnumerable<(string Id, Proof Proof)> Pop3StateTable()
    {
        string[] multiLine = ["list", "retr", "uidl", "top"];
        var cells = new (string State, string Command, bool Ok)[]
        {
            ("authorization", "user", true), ("authorization", "pass", false), ("authorization", "stat", false),
            ("authorization", "list", false), ("authorization", "retr", false), ("authorization", "dele", false),
            ("authorization", "noop", false), ("authorization", "rset", false), ("authorization", "uidl", false),
            ("authorization", "top", false), ("authorization", "quit", true),
            ("after-user", "pass", true), ("after-user", "stat", false), ("after-user", "list", false),
            ("after-user", "retr", false), ("after-user", "dele", false), ("after-user", "noop", false),
            ("after-user", "rset", false), ("after-user", "uidl", false), ("after-user", "top", false),
            ("after-user", "quit", true),
            ("transaction", "user", false), ("transaction", "pass", false), ("transaction", "stat", true),
            ("transaction", "list", true), ("transaction", "noop", true), ("transaction", "rset", true),
            ("transaction", "uidl", true), ("transaction", "quit", true),
        };
        foreach (var (state, command, ok) in cells)
        {
            var key = $"{(state == "transaction" ? "transaction" : "authorization")} {command.ToUpperInvariant()}";
            var reply = ok ? "-ERR refused by a broken fake" : multiLine.Contains(command) ? "+OK accepted by a broken fake\r\n." : "+OK accepted by a broken fake";
            yield return ($"{Pop3States}/{state}/{command}", Correct(Scripted(key, reply, Verdict.Fail)));
        }

        // A second USER may be taken or refused (§7); a reply without a status indicator is neither.
        yield return ($"{Pop3States}/after-user/user", Correct(Scripted("authorization USER", "OK whatever", Verdict.Fail)));
    }

    /// <summary>pop3/rfc1939/5/message-number.table.yaml: the fake answers each bad message number with +OK and something.</summary>
    private static IEnumerable<(string Id, Proof Proof)> Pop3MessageNumberTable()
    {
        var replies = new Dictionary<string, string>
        {
            ["LIST"] = "+OK 1 120",
            ["RETR"] = "+OK 12 octets\r\nSubject: x\r\n.",
            ["DELE"] = "+OK message deleted",
            ["TOP"] = "+OK\r\nSubject: x\r\n.",
        };
        string[] cells = ["list-zero", "list-negative", "list-word", "list-past-end", "list-junk", "retr-zero", "retr-negative", "retr-word", "retr-past-end", "retr-missing", "dele-zero", "dele-past-end", "top-past-end"];
        foreach (var cell in cells)
        {
            var verb = cell.Split('-')[0].ToUpperInvariant();
            yield return ($"{Pop3MessageNumbers}/transaction/{cell}", Seeded(Pop3Breaker($"scripted 'transaction {verb}' → '+OK'", Script($"transaction {verb}", replies[verb]), Verdict.Fail, seeded: true)));
        }
    }

    /// <summary>A target whose profile gives the user's APOP secret (identity apop_secret), as the bundled Cyrus profile does.</summary>
    private static FakeTarget ApopTarget(FakePop3Options pop3) =>
        FakeTarget.Start(new FakeSmtpOptions { Identity = new TestIdentity { ApopSecret = new TestIdentity().Password } }, pop3);

    /// <summary>A correct fake whose maildrop already holds two messages (one with a line starting with '.').</summary>
    private static Proof Seeded(params Breaker[] breakers) => new(() => SeededTarget(new FakePop3Options()), breakers);

    private static Breaker Pop3Breaker(string name, FakePop3Options options, Verdict expected, bool seeded = false) =>
        new(name, () => seeded ? SeededTarget(options) : FakeTarget.Start(pop3: options), expected);

    /// <summary>A correct server that closes after the -ERR of a failed login, as popa3d does (RFC 1939 §4 allows it).</summary>
    private static FakePop3Options ClosesAfterFailure => new() { ClosesAfterFailedLogin = true };

    private static FakePop3Options Script(string key, string reply) => new() { ScriptedReplies = new Dictionary<string, string> { [key] = reply } };

    private static FakeTarget SeededTarget(FakePop3Options options)
    {
        var fake = FakeTarget.Start(pop3: options);
        fake.Maildrop.Deliver("Subject: first\n\nhello\n");
        fake.Maildrop.Deliver("Subject: second\n\n.leading dot\nbye\n");
        return fake;
    }
}
