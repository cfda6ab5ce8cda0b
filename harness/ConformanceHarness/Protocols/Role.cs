using System.Diagnostics.CodeAnalysis;

namespace ConformanceHarness.Protocols;

/// <summary>
/// What one port of a target serves: its protocol, whether the connection starts with TLS (RFC 8314 ports) and its
/// well-known port. The only place a role name (as written in scenarios, profiles and on the command line) is parsed.
/// </summary>
public sealed record Role
{
    public static readonly Role Smtp = new("smtp", MailProtocol.Smtp, implicitTls: false, defaultPort: 25);

    /// <summary>RFC 6409 message submission.</summary>
    public static readonly Role Submission = new("submission", MailProtocol.Smtp, implicitTls: false, defaultPort: 587);

    public static readonly Role Pop3 = new("pop3", MailProtocol.Pop3, implicitTls: false, defaultPort: 110);

    /// <summary>RFC 8314 §3.3: submission over implicit TLS.</summary>
    public static readonly Role Smtps = new("smtps", MailProtocol.Smtp, implicitTls: true, defaultPort: 465);

    /// <summary>RFC 8314 §3.3 / RFC 2595: POP3 over implicit TLS.</summary>
    public static readonly Role Pop3s = new("pop3s", MailProtocol.Pop3, implicitTls: true, defaultPort: 995);

    private Role(string name, MailProtocol protocol, bool implicitTls, int defaultPort)
    {
        Name = name;
        Protocol = protocol;
        ImplicitTls = implicitTls;
        DefaultPort = defaultPort;
    }

    /// <summary>Every role, in the order error messages list them.</summary>
    public static IReadOnlyList<Role> All { get; } = [Smtp, Submission, Pop3, Smtps, Pop3s];

    /// <summary>The role names as listed in error messages: "smtp, submission, pop3, smtps, pop3s".</summary>
    public static string Names { get; } = string.Join(", ", All.Select(r => r.Name));

    /// <summary>The spelling in scenarios, profiles and on the command line.</summary>
    public string Name { get; }

    public MailProtocol Protocol { get; }

    /// <summary>The connection starts with a TLS handshake instead of a plaintext greeting.</summary>
    public bool ImplicitTls { get; }

    public int DefaultPort { get; }

    public bool IsPop3 => Protocol == MailProtocol.Pop3;

    /// <summary>The role a scenario's first connection goes to when it names none: its catalog's plain role.</summary>
    public static Role DefaultFor(string protocol) => protocol == "pop3" ? Pop3 : Smtp;

    public static bool TryParse(string? name, [NotNullWhen(true)] out Role? role)
    {
        role = All.FirstOrDefault(r => r.Name == name);
        return role is not null;
    }

    /// <summary>Parses a name already validated at load time (a scenario's or a profile's role).</summary>
    public static Role Parse(string name) =>
        TryParse(name, out var role) ? role : throw new ArgumentException($"role '{name}' is not one of {Names}", nameof(name));

    public override string ToString() => Name;
}
