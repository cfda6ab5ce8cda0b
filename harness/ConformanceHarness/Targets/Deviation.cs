namespace ConformanceHarness.Targets;

/// <summary>A known, justified deviation of a target from a scenario's rule, recorded in its profile.</summary>
public sealed record Deviation
{
    public string Scenario { get; init; } = string.Empty;

    public string Rule { get; init; } = string.Empty;

    public string Why { get; init; } = string.Empty;
}
