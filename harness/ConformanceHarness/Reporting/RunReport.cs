using ConformanceHarness.Running;
using ConformanceHarness.Scenarios;

namespace ConformanceHarness.Reporting;

/// <summary>Everything one run produced: the targets, every scenario × target result, and the catalog's load errors.</summary>
public sealed record RunReport
{
    public DateTimeOffset Generated { get; init; } = DateTimeOffset.UtcNow;

    public IReadOnlyList<ReportTarget> Targets { get; init; } = [];

    public IReadOnlyList<ReportEntry> Entries { get; init; } = [];

    /// <summary>Scenario files that could not be loaded (they were not run).</summary>
    public IReadOnlyList<ScenarioError> LoadErrors { get; init; } = [];

    /// <summary>A Fail or an Error anywhere, or a scenario file that could not be loaded: the run's exit code is 1.</summary>
    public bool HasFailures => LoadErrors.Count > 0 || Entries.Any(e => e.Result.Verdict is Verdict.Fail or Verdict.Error);

    public VerdictTally Tally(string? target = null) =>
        VerdictTally.Of(Entries.Where(e => target is null || e.Result.Target == target).Select(e => e.Result.Verdict));
}
