using ConformanceHarness.Delivery;

namespace ConformanceHarness.Tests.Delivery;

public sealed class MaildropTurnTests
{
    /// <summary>RFC 1939 §8: an oracle read waits while a POP3 session holds the maildrop, and goes on when it ends.</summary>
    [Test]
    public async Task WithTurnAsync_AnotherFlowHoldsIt_Waits()
    {
        var turn = new MaildropTurn();
        var release = new TaskCompletionSource();
        var holding = turn.WithTurnAsync(async _ => { await release.Task; return 1; }, CancellationToken.None);
        var read = turn.WithTurnAsync(_ => Task.FromResult(2), CancellationToken.None);
        await Task.Delay(200);
        Assert.That(read.IsCompleted, Is.False, "the read overlapped the session holding the maildrop");
        release.SetResult();
        Assert.That(await read.WaitAsync(TimeSpan.FromSeconds(5)), Is.EqualTo(2));
        Assert.That(await holding, Is.EqualTo(1));
    }

    /// <summary>A POP3 scenario holding the turn that asks the mailbox oracle: the oracle's read must not wait for itself.</summary>
    [Test]
    public async Task WithTurnAsync_ThisFlowHoldsIt_GoesStraightOn()
    {
        var turn = new MaildropTurn();
        var inner = await turn.WithTurnAsync(_ => turn.WithTurnAsync(_ => Task.FromResult(7), CancellationToken.None), CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(5));
        Assert.That(inner, Is.EqualTo(7));
    }

    [Test]
    public void For_SameMaildrop_SameTurn()
    {
        var first = MaildropTurn.For("127.0.0.1:110|alice");
        Assert.That(MaildropTurn.For("127.0.0.1:110|alice"), Is.SameAs(first));
    }
}
