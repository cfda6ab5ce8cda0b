using ConformanceHarness.Pop3;
using ConformanceHarness.Smtp;

namespace ConformanceHarness.Protocols;

/// <summary>The dialect of each protocol: the one place a role's protocol picks SMTP or POP3 behaviour.</summary>
internal static class Dialects
{
    private static readonly IProtocolDialect Smtp = new SmtpDialect();
    private static readonly IProtocolDialect Pop3 = new Pop3Dialect();

    public static IProtocolDialect For(Role role) => For(role.Protocol);

    public static IProtocolDialect For(MailProtocol protocol) => protocol == MailProtocol.Pop3 ? Pop3 : Smtp;
}
