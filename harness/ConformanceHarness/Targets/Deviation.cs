namespace ConformanceHarness.Targets;

/// <summary>Matches scenario ids against profile patterns: an exact id, or a prefix ending in '*'.</summary>
public static class ScenarioPattern
{
    public static bool Covers(string pattern, string id) =>
        pattern == id || (pattern.EndsWith('*') && id.StartsWith(pattern[..^1], StringComparison.Ordinal));
}

/// <summary>A known, justified deviation of a target from a scenario's rule, recorded in its profile.</summary>
public sealed record Deviation
{
    public string Scenario { get; init; } = string.Empty;

    public string Rule { get; init; } = string.Empty;

    public string Why { get; init; } = string.Empty;
}
