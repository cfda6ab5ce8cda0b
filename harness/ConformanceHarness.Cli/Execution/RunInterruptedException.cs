using ConformanceHarness.Reporting;

namespace ConformanceHarness.Cli.Execution;

/// <summary>
/// Ctrl+C during a run, carrying what finished (<see cref="RunReport.Partial"/>), so the report files can still be written.
/// It is a cancellation: whoever does not want the partial report handles it as one (exit 130).
/// </summary>
public sealed class RunInterruptedException(RunReport partial, CancellationToken token)
    : OperationCanceledException("the run was interrupted", null, token)
{
    public RunReport Partial { get; } = partial;
}
