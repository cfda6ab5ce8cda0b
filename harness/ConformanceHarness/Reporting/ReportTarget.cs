using System.Text.Json.Serialization;
using ConformanceHarness.Targets;

namespace ConformanceHarness.Reporting;

/// <summary>
/// A target as a run and its report name it, and why it could not be graded when it did not start. One type for both:
/// the report (<see cref="ReportDocument"/>) adds its verdict counts (<see cref="Summary"/>).
/// </summary>
public sealed record ReportTarget
{
    public required string Name { get; init; }

    public string Title { get; init; } = string.Empty;

    /// <summary>container, process or live.</summary>
    public string Kind { get; init; } = "live";

    public IReadOnlyList<string> Protocols { get; init; } = [];

    /// <summary>A deliberately misconfigured control: its failures are the point.</summary>
    public bool Control { get; init; }

    /// <summary>For controls: the scenarios (ids, or prefixes ending in '*') it was built to fail; their Fail is expected.</summary>
    public IReadOnlyList<string> MustFail { get; init; } = [];

    /// <summary>Why the target did not start (every result on it is then an Error); null when it ran.</summary>
    public string? StartError { get; init; }

    /// <summary>The verdict counts of the target's results, in verdict order: set in a report, empty in a run.</summary>
    public IReadOnlyDictionary<string, int> Summary { get; init; } = new Dictionary<string, int>();

    /// <summary>For <c>probe --domain</c>: the mail exchanger this target is an address of; null (absent in JSON) otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
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
