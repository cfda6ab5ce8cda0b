namespace ConformanceHarness.Targets;

/// <summary>
/// A server the harness started that stopped on its own during the run: its exit code and the last lines it printed.
/// <paramref name="Run"/> counts the server's starts (1, then 2 after the first restart), so one exit is reported once.
/// </summary>
public sealed record ServerExit(int Code, IReadOnlyList<string> LastLines, int Run)
{
    /// <summary>How many of the last output lines an exit carries: enough for a stack trace's cause, short of the whole log.</summary>
    public const int Lines = 10;
}
