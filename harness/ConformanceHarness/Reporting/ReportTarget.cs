using ConformanceHarness.Targets;

namespace ConformanceHarness.Reporting;

/// <summary>A target as a report names it, and why it could not be graded when it did not start.</summary>
public sealed record ReportTarget
{
    public required string Name { get; init; }

    public string Title { get; init; } = string.Empty;

    /// <summary>container, process or live.</summary>
    public required string Kind { get; init; }

    public IReadOnlyList<string> Protocols { get; init; } = [];

    /// <summary>A deliberately misconfigured control: its failures are the point.</summary>
    public bool Control { get; init; }

    /// <summary>For controls: the scenarios (ids, or prefixes ending in '*') it was built to fail; their Fail is expected.</summary>
    public IReadOnlyList<string> MustFail { get; init; } = [];

    /// <summary>Why the target did not start (every result on it is then an Error); null when it ran.</summary>
    public string? StartError { get; init; }

    /// <summary>For <c>probe --domain</c>: the mail exchanger this target is an address of; null otherwise.</summary>
    public ReportExchanger? Exchanger { get; init; }

    public static ReportTarget From(TargetProfile profile, string? startError = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new ReportTarget
        {
            Name = profile.Name,
            Title = profile.Title,
            Kind = profile.Kind,
            Protocols = profile.Protocols,
            Control = profile.Control,
            MustFail = profile.MustFail,
            StartError = startError,
        };
    }
}

/// <summary>A mail exchanger as a report names it: the MX host, its preference (0 for an implicit MX), the address probed.</summary>
public sealed record ReportExchanger(string Host, int Preference, bool Implicit, string Address);
