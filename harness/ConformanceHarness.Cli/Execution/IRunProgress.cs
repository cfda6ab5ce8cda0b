using ConformanceHarness.Reporting;

namespace ConformanceHarness.Cli.Execution;

/// <summary>What a run tells the console while it goes. Called from several threads at once.</summary>
public interface IRunProgress
{
    /// <summary>A line from the launcher (image build, sink address, leftovers swept).</summary>
    void Log(string line);

    void TargetStarted(string target, TimeSpan took);

    void TargetFailed(string target, string error);

    void ScenarioFinished(ReportEntry entry);
}
