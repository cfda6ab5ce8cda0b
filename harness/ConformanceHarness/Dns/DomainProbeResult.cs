using ConformanceHarness.Running;

namespace ConformanceHarness.Dns;

/// <summary>
/// What <see cref="DomainProbe.ProbeAsync"/> found: the exchangers, what the per-host probe returned for each address it
/// contacted (in preference order), the domain's DNS checks, and exactly which hosts were contacted.
/// </summary>
public sealed record DomainProbeResult
{
    public required string Domain { get; init; }

    public required ExchangerResolution Exchangers { get; init; }

    /// <summary>One entry per address probed, in the order they were probed (lowest preference first).</summary>
    public required IReadOnlyList<HostProbeResult> Hosts { get; init; }

    /// <summary>The MX checks, then SPF, DMARC and MTA-STS (ids in <see cref="DnsChecks"/>), Target = the domain.</summary>
    public required IReadOnlyList<ScenarioResult> DomainChecks { get; init; }

    /// <summary>Every host handed to the per-host probe, and no other: <c>127.0.0.11 (mx10.example.test, preference 10)</c>.</summary>
    public required IReadOnlyList<string> Contacted { get; init; }

    /// <summary>One sentence for the report: which hosts were contacted, and why no other.</summary>
    public required string Note { get; init; }

    /// <summary>The domain checks, then every host's results, in probe order.</summary>
    public IReadOnlyList<ScenarioResult> AllResults => [.. DomainChecks, .. Hosts.SelectMany(h => h.Results)];
}
