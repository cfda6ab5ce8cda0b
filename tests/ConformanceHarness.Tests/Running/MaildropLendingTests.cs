using ConformanceHarness.Delivery;
using ConformanceHarness.Protocols;
using ConformanceHarness.Running;
using ConformanceHarness.Running.Dialogue;
using ConformanceHarness.Scenarios;
using ConformanceHarness.Targets;
using ConformanceHarness.Tests.Fakes;
using ConformanceHarness.Tests.Support;

namespace ConformanceHarness.Tests.Running;

/// <summary>
/// A POP3 scenario whose own sessions have ended, and that opens no other, gives up the maildrop's turn before it waits on the mailbox oracle
/// (RFC 1939 §6: QUIT is answered after UPDATE); one whose session is still open keeps it (§8: the maildrop may be locked).
/// </summary>
public sealed class MaildropLendingTests
{
    /// <summary>Three scenarios that QUIT, then prove for 2 s that a message is absent: the windows overlap, verdicts unchanged.</summary>
    [Test]
    public async Task RunAllAsync_WaitAfterQuit_GivesUpTheTurn_WindowsOverlap()
    {
        var (elapsed, verdicts) = await RunThreeAsync("S: +OK\nC: QUIT\nS: +OK\nNOT-DELIVERED mailbox tok within 2s");
        Assert.That(verdicts, Is.All.EqualTo(Verdict.Pass));
        Assert.That(elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "the three windows ran one after another");
    }

    /// <summary>The same wait with the session still open (QUIT after it): the turn is kept, the windows take turns.</summary>
    [Test]
    public async Task RunAllAsync_WaitWithSessionOpen_KeepsTheTurn()
    {
        var (elapsed, verdicts) = await RunThreeAsync("S: +OK\nNOT-DELIVERED mailbox tok within 2s\nC: QUIT\nS: +OK");
        Assert.That(verdicts, Is.All.EqualTo(Verdict.Pass));
        Assert.That(elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(6)), "a scenario with an open session lent the maildrop's turn");
    }

    /// <summary>A later CONNECT of a POP3 session needs the turn again: the scenario keeps it through the wait.</summary>
    [Test]
    public async Task RunAllAsync_LaterPop3Connection_KeepsTheTurn()
    {
        var (elapsed, verdicts) = await RunThreeAsync("S: +OK\nC: QUIT\nS: +OK\nNOT-DELIVERED mailbox tok within 2s\nCONNECT again pop3\nS: +OK\nC: QUIT\nS: +OK");
        Assert.That(verdicts, Is.All.EqualTo(Verdict.Pass));
        Assert.That(elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(6)), "a scenario that opens another POP3 session later gave up the maildrop's turn");
    }

    [TestCase(new[] { "QUIT\r\n" }, 1, true, TestName = "Ended_QuitAnswered")]
    [TestCase(new[] { "QUIT\r\n" }, 0, false, TestName = "Ended_QuitNotYetAnswered")]
    [TestCase(new[] { "STAT\r\n" }, 1, false, TestName = "Ended_SessionStillOpen")]
    [TestCase(new[] { "QUIT\r\n", "NOOP\r\n" }, 1, false, TestName = "Ended_CommandAfterQuit_IsLiveAgain")]
    public void Ended_(string[] commands, int answers, bool ended)
    {
        // What MaildropLending.Ended reads of a connection that is still open: its reply ledger (the greeting answered first).
        var ledger = new ReplyLedger(MailProtocol.Pop3);
        ledger.Answered(null);
        foreach (var command in commands)
        {
            ledger.Sent(System.Text.Encoding.ASCII.GetBytes(command));
        }

        for (var i = 0; i < answers; i++)
        {
            ledger.Answered(null);
        }

        Assert.That(ledger.QuitAnswered, Is.EqualTo(ended));
    }

    /// <summary>A scenario that gives up its turn: another flow takes it at once, and the scenario's end releases nothing twice.</summary>
    [Test]
    public async Task Leave_AnotherFlowTakesTheTurn_AndTheHolderEndsWithoutReleasingTwice()
    {
        var turn = new MaildropTurn();
        var heldAfter = await turn.WithTurnAsync(
            async token =>
            {
                turn.Leave();
                await turn.WithTurnAsync(_ => Task.FromResult(2), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5), token);
                return turn.HeldHere;
            },
            CancellationToken.None);
        var holding = turn.WithTurnAsync(async token => { await Task.Delay(300, token); return 1; }, CancellationToken.None);
        var next = turn.WithTurnAsync(_ => Task.FromResult(3), CancellationToken.None);
        await Task.Delay(100);
        Assert.That((heldAfter, next.IsCompleted), Is.EqualTo((false, false)), "the turn was released twice: two flows held it at once");
        Assert.That((await holding, await next), Is.EqualTo((1, 3)));
    }

    private static async Task<(TimeSpan Elapsed, IReadOnlyList<Verdict> Verdicts)> RunThreeAsync(string dialogue)
    {
        await using var server = new FakePop3Server(FakePop3Options.Cleartext(Pop3Fault.None));
        var profile = new TargetProfile { Name = "fake-pop3", Kind = "process" };
        var endpoint = new RoleEndpoint("127.0.0.1", server.Port, false);
        await using var target = new RunningTarget(profile, new Dictionary<string, RoleEndpoint> { ["pop3"] = endpoint }, false);
        target.Oracles["mailbox"] = new MailboxOracle(endpoint, profile.Identity);
        using var session = new TargetSession(target, InlineScenario.Options(), concurrency: 4);
        var scenarios = Enumerable.Range(0, 3).Select(i => InlineScenario.Create($"pop3/test/window{i}", "pop3", dialogue, Level.Must, [])).ToList();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var entries = await session.RunAllAsync(scenarios, null, CancellationToken.None);
        return (clock.Elapsed, entries.Select(e => e.Result.Verdict).ToList());
    }
}
