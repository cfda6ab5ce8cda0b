using ConformanceHarness.Running;
using ConformanceHarness.Scenarios;

namespace ConformanceHarness.Reporting;

/// <summary>One graded cell of a report: a scenario (for its rule, level and tags) and its result on one target.</summary>
public sealed record ReportEntry(Scenario Scenario, ScenarioResult Result);
