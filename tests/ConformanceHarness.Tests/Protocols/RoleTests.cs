using ConformanceHarness.Protocols;

namespace ConformanceHarness.Tests.Protocols;

public sealed class RoleTests
{
    [TestCase("smtp", MailProtocol.Smtp, false, 25)]
    [TestCase("submission", MailProtocol.Smtp, false, 587)]
    [TestCase("pop3", MailProtocol.Pop3, false, 110)]
    [TestCase("smtps", MailProtocol.Smtp, true, 465)]
    [TestCase("pop3s", MailProtocol.Pop3, true, 995)]
    public void TryParse_KnownName_GivesProtocolTlsAndPort(string name, MailProtocol protocol, bool implicitTls, int port)
    {
        Assert.That(Role.TryParse(name, out var role), Is.True);
        Assert.That((role!.Name, role.Protocol, role.ImplicitTls, role.DefaultPort), Is.EqualTo((name, protocol, implicitTls, port)));
    }

    [TestCase("imap")]
    [TestCase("SMTP")]
    [TestCase("")]
    [TestCase(null)]
    public void TryParse_UnknownName_IsFalse(string? name)
    {
        Assert.That(Role.TryParse(name, out _), Is.False);
    }

    [Test]
    public void Names_ListsEveryRoleInOrder()
    {
        Assert.That(Role.Names, Is.EqualTo("smtp, submission, pop3, smtps, pop3s"));
    }
}
