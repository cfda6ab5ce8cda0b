using ConformanceHarness.Running;
using ConformanceHarness.Scenarios;

namespace ConformanceHarness.Reporting;

/// <summary>The lower-case names reports use for verdicts, levels and transcript directions.</summary>
public static class VerdictNames
{
    private static readonly Dictionary<string, Verdict> Verdicts = Enum.GetValues<Verdict>().ToDictionary(Of, v => v, StringComparer.Ordinal);

    public static string Of(Verdict verdict) => verdict.ToString().ToLowerInvariant();

    public static string Of(Level level) => level.ToString().ToLowerInvariant();

    /// <summary>The verdict a report names (<c>"fail"</c>), or null for a name that is none.</summary>
    public static Verdict? Parse(string name) => Verdicts.TryGetValue(name, out var verdict) ? verdict : null;
}
