namespace ConformanceHarness.Targets;

/// <summary>
/// A profile's <c>deviations</c> and <c>must_fail</c> name scenarios by id or prefix. One that matches no scenario of the
/// catalog (a typo, a renamed scenario) would silently excuse nothing, or demand nothing: it is the profile's error.
/// </summary>
public static class ProfilePatternCheck
{
    /// <summary>"FILE:LINE: deviation 'smtp/x' matches no scenario of the catalog", one per pattern that matches nothing.</summary>
    public static IReadOnlyList<string> Unmatched(TargetProfile profile, IReadOnlyCollection<string> scenarioIds)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(scenarioIds);
        var lines = profile.Source is { } source && File.Exists(source) ? File.ReadAllLines(source) : [];
        var own = profile.Deviations.Select(d => ("deviation", d.Scenario)).Concat(profile.MustFail.Select(m => ("must_fail", m)));
        return own
            .Where(p => !scenarioIds.Any(id => ScenarioPattern.Covers(p.Item2, id)))
            .Select(p => $"{profile.Source ?? profile.Name}:{LineOf(lines, p.Item2)}: {p.Item1} '{p.Item2}' matches no scenario of the catalog (a typo, or a renamed scenario?)")
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The first line naming the pattern (an inherited deviation is found in its own file, so may give 0).</summary>
    private static int LineOf(string[] lines, string pattern)
    {
        var index = Array.FindIndex(lines, l => l.Contains(pattern, StringComparison.Ordinal));
        return index + 1;
    }
}
