using ConformanceHarness.Scenarios;
using ConformanceHarness.Targets;

namespace ConformanceHarness.Cli.Execution;

/// <summary>One target and the scenarios it is graded on (those of the protocols its profile names).</summary>
public sealed record TargetPlan(TargetProfile Profile, IReadOnlyList<Scenario> Scenarios)
{
    public static IReadOnlyList<TargetPlan> For(IReadOnlyList<TargetProfile> profiles, IReadOnlyList<Scenario> scenarios)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        return Distinct(profiles)
            .Select(p => new TargetPlan(p, scenarios.Where(s => p.Protocols.Contains(s.Protocol, StringComparer.OrdinalIgnoreCase)).ToList()))
            .ToList();
    }

    /// <summary>
    /// Two targets may resolve to one name (two <c>process:python3 …</c> servers): the matrix needs one column each,
    /// so colliding process targets are named by their command, and whatever still collides gets a number.
    /// </summary>
    private static IEnumerable<TargetProfile> Distinct(IReadOnlyList<TargetProfile> profiles)
    {
        var colliding = profiles.GroupBy(p => p.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var profile in profiles)
        {
            var name = colliding.Contains(profile.Name) && profile.Command is { } command ? command : profile.Name;
            var unique = name;
            for (var n = 2; !used.Add(unique); n++)
            {
                unique = $"{name}#{n}";
            }

            yield return unique == profile.Name ? profile : profile with { Name = unique };
        }
    }
}
