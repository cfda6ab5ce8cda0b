using ConformanceHarness.Protocols;

namespace ConformanceHarness.Targets;

/// <summary>Where one role of a running target answers.</summary>
public sealed record RoleEndpoint(string Host, int Port, bool ImplicitTls)
{
    /// <summary>
    /// The address of this machine to connect from (an address literal), or null for the one the route chooses: set where
    /// the harness spreads a target's connections over several client addresses (<see cref="RunningTarget.ClientRoutes"/>).
    /// </summary>
    public string? LocalAddress { get; init; }

    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    /// <summary>Roles whose connection starts with TLS (RFC 8314 ports).</summary>
    public static bool IsImplicitTlsRole(string role) => Role.Parse(role).ImplicitTls;
}
