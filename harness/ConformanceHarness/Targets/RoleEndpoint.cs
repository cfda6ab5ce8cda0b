using ConformanceHarness.Protocols;

namespace ConformanceHarness.Targets;

/// <summary>Where one role of a running target answers.</summary>
public sealed record RoleEndpoint(string Host, int Port, bool ImplicitTls)
{
    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    /// <summary>Roles whose connection starts with TLS (RFC 8314 ports).</summary>
    public static bool IsImplicitTlsRole(string role) => Role.Parse(role).ImplicitTls;
}
