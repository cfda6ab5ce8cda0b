using ConformanceHarness.Running;
using ConformanceHarness.Scenarios;
using ConformanceHarness.Tests.Support;

namespace ConformanceHarness.Tests.Running;

public sealed class MaildropUseTests
{
    [Test]
    public void Of_Pop3Dialogue_UsesTheMaildrop() =>
        Assert.That(MaildropUse.Of(InlineScenario.Pop3("S: +OK\nC: QUIT\nS: +OK")), Is.True);

    [Test]
    public void Of_SmtpDialogue_DoesNot() =>
        Assert.That(MaildropUse.Of(InlineScenario.Smtp("S: 220\nC: QUIT\nS: 221")), Is.False);

    [Test]
    public void Of_SmtpDialogueCheckingTheMailbox_Does() =>
        Assert.That(MaildropUse.Of(InlineScenario.Smtp("S: 220\nC: QUIT\nS: 221\nDELIVERED mailbox {{token}} within 5s")), Is.True);

    [Test]
    public void Of_ConfirmOnTheMailbox_Does()
    {
        var scenario = InlineScenario.Smtp("S: 220") with { Steps = [new ConfirmStep(2, "mailbox", "{{token}}", TimeSpan.FromSeconds(5), null, "relay")] };
        Assert.That(MaildropUse.Of(scenario), Is.True);
    }

    [Test]
    public void Of_SmtpDialogueCheckingTheSink_DoesNot() =>
        Assert.That(MaildropUse.Of(InlineScenario.Smtp("S: 220\nC: QUIT\nS: 221\nDELIVERED sink {{token}} within 5s")), Is.False);

    [Test]
    public void Of_SmtpDialogueOpeningAPop3Connection_Does() =>
        Assert.That(MaildropUse.Of(InlineScenario.Smtp("S: 220\nCONNECT box pop3\nS: +OK")), Is.True);

    [Test]
    public void Of_Pop3sRole_Does() =>
        Assert.That(MaildropUse.Of(InlineScenario.Create("pop3/x", "pop3s", "S: +OK", Level.Must, [])), Is.True);

    [Test]
    public void HoldsSession_Pop3Dialogue_Does() =>
        Assert.That(MaildropUse.HoldsSession(InlineScenario.Pop3("S: +OK\nC: QUIT\nS: +OK")), Is.True);

    [Test]
    public void HoldsSession_SecondPop3Connection_Does() =>
        Assert.That(MaildropUse.HoldsSession(InlineScenario.Smtp("S: 220\nCONNECT box pop3\nS: +OK")), Is.True);

    /// <summary>Only the oracle opens the maildrop, one read at a time in the maildrop's turn: the scenario holds no session.</summary>
    [Test]
    public void HoldsSession_SmtpDialogueCheckingTheMailbox_DoesNot() =>
        Assert.That(MaildropUse.HoldsSession(InlineScenario.Smtp("S: 220\nC: QUIT\nS: 221\nDELIVERED mailbox {{token}} within 5s")), Is.False);
}
