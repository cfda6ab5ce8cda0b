using ConformanceHarness.Wire;

namespace ConformanceHarness.Running;

/// <summary>Settings of one run.</summary>
public sealed record RunOptions
{
    public WireOptions Wire { get; init; } = WireOptions.Default;

    /// <summary>Extra variables (from the command line) that override profile variables.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();

    /// <summary>How long a whole scenario may take before it is stopped (a hard bound over all its steps).</summary>
    public TimeSpan ScenarioTimeout { get; init; } = TimeSpan.FromSeconds(120);
}
