using ConformanceHarness.Running;
using ConformanceHarness.Scenarios;
using ConformanceHarness.Targets;

namespace ConformanceHarness.Reporting;

/// <summary>
/// Everything one run produced: the targets, every scenario × target result, and the catalog's load errors. Reports are
/// written from its <see cref="ReportDocument"/> (<see cref="ReportDocument.FromRun"/>).
/// </summary>
public sealed record RunReport
{
    public DateTimeOffset Generated { get; init; } = DateTimeOffset.UtcNow;

    public IReadOnlyList<ReportTarget> Targets { get; init; } = [];

    public IReadOnlyList<ReportEntry> Entries { get; init; } = [];

    /// <summary>The run was interrupted (Ctrl+C): only the results that finished are here.</summary>
    public bool Partial { get; init; }

    /// <summary>Scenario files that could not be loaded (they were not run).</summary>
    public IReadOnlyList<ScenarioError> LoadErrors { get; init; } = [];

    /// <summary>
    /// An Error, a Fail that nobody expected, or a scenario file that could not be loaded: the run's exit code is 1.
    /// Decided by the report model (<see cref="ReportDocument.HasFailures"/>), the one place that rule lives.
    /// </summary>
    public bool HasFailures => ReportDocument.FromRun(this).HasFailures;

    /// <summary>A Fail the target's profile foresaw: a control's <c>must_fail</c> scenario, or a recorded deviation.</summary>
    public bool IsExpectedFailure(ReportEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Result.Verdict != Verdict.Fail)
        {
            return false;
        }

        return entry.Result.Deviation is not null
            || Targets.Any(t => t.Name == entry.Result.Target && t.MustFail.Any(p => ScenarioPattern.Covers(p, entry.Scenario.Id)));
    }

    public int ExpectedFailures(string? target = null) =>
        Entries.Count(e => (target is null || e.Result.Target == target) && IsExpectedFailure(e));

    public VerdictTally Tally(string? target = null) =>
        VerdictTally.Of(Entries.Where(e => target is null || e.Result.Target == target).Select(e => e.Result.Verdict));
}
