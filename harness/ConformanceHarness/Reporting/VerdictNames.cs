using ConformanceHarness.Running;
using ConformanceHarness.Scenarios;

namespace ConformanceHarness.Reporting;

/// <summary>The lower-case names reports use for verdicts, levels and transcript directions.</summary>
public static class VerdictNames
{
    public static string Of(Verdict verdict) => verdict.ToString().ToLowerInvariant();

    public static string Of(Level level) => level.ToString().ToLowerInvariant();
}
