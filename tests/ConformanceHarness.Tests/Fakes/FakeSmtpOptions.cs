using ConformanceHarness.Targets;

namespace ConformanceHarness.Tests.Fakes;

/// <summary>How a <see cref="FakeSmtpServer"/> behaves: the identity it serves, STARTTLS, and the rules it breaks.</summary>
public sealed record FakeSmtpOptions
{
    public SmtpFault Faults { get; init; }

    public TestIdentity Identity { get; init; } = new();

    /// <summary>Advertise and implement STARTTLS (RFC 3207) with <see cref="FakeCertificate"/>.</summary>
    public bool OffersStartTls { get; init; }

    public bool Has(SmtpFault fault) => (Faults & fault) != 0;
}
