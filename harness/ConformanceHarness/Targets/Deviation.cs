namespace ConformanceHarness.Targets;

/// <summary>Matches scenario ids against profile patterns: an exact id, or a prefix ending in '*'.</summary>
public static class ScenarioPattern
{
    public static bool Covers(string pattern, string id) =>
        pattern == id || (pattern.EndsWith('*') && id.StartsWith(pattern[..^1], StringComparison.Ordinal));
}

/// <summary>
/// A known, justified deviation of a target from a scenario's rule, recorded in its profile: a broken MUST (Fail), a
/// SHOULD or a tolerated reply (Warn), an informational finding (Info), or a question the server would not let be asked
/// (Inconclusive).
/// </summary>
public sealed record Deviation
{
    public string Scenario { get; init; } = string.Empty;

    public string Rule { get; init; } = string.Empty;

    public string Why { get; init; } = string.Empty;

    /// <summary>
    /// <c>reply:</c> (optional) what the server said when the deviation was recorded. The record then explains a result
    /// only while the result's actual reply still contains this text: a server that starts saying something else (a new
    /// fault in the same scenario) is no longer excused by an old explanation.
    /// </summary>
    public string? Reply { get; init; }

    /// <summary>This record explains a result of scenario <paramref name="scenarioId"/> whose actual reply was <paramref name="actual"/>.</summary>
    public bool Explains(string scenarioId, string? actual) =>
        ScenarioPattern.Covers(Scenario, scenarioId)
        && (Reply is null || (actual ?? string.Empty).Contains(Reply, StringComparison.Ordinal));
}
