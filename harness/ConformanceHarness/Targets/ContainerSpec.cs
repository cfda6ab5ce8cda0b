namespace ConformanceHarness.Targets;

/// <summary>How a container target is built or pulled.</summary>
public sealed record ContainerSpec
{
    /// <summary>A bundled image folder under harness/targets/images/ (built locally).</summary>
    public string? Image { get; init; }

    /// <summary>A user's Dockerfile (path to the file or its folder), built locally.</summary>
    public string? Dockerfile { get; init; }

    /// <summary>An existing image reference (used as is, never pulled when absent).</summary>
    public string? ImageName { get; init; }

    /// <summary>
    /// <c>dns: testdns</c>: a bundled image folder serving the test DNS zone (SPF, DKIM and DMARC records of the test
    /// domains). The launcher starts it first, passes its address to the target as DNS_SERVER and gives the target the
    /// <c>testdns</c> feature.
    /// </summary>
    public string? Dns { get; init; }

    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();
}
