namespace ConformanceHarness.Cli;

/// <summary>What the process returns; CI scripts rely on these.</summary>
public static class ExitCodes
{
    /// <summary>Nothing failed or errored (Warn, Info, Skip and Inconclusive do not fail a run).</summary>
    public const int Success = 0;

    /// <summary>A Fail or an Error occurred, or a scenario file could not be loaded.</summary>
    public const int Failures = 1;

    /// <summary>Bad option, bad target spec, unknown scenario id, no scenarios selected.</summary>
    public const int Usage = 2;

    /// <summary>Interrupted with Ctrl+C (128 + SIGINT), after the launched targets were stopped.</summary>
    public const int Cancelled = 130;
}
