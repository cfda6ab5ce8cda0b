namespace ConformanceHarness.Running;

/// <summary>
/// The grade of one scenario on one target. "The target broke a rule" (Fail, Warn) and
/// "the harness could not run the dialogue" (Error) are never the same verdict.
/// </summary>
public enum Verdict
{
    /// <summary>The server did what the rule asks.</summary>
    Pass,
    /// <summary>A MUST was broken, or a security finding.</summary>
    Fail,
    /// <summary>A SHOULD was broken, or only a tolerated fallback was seen.</summary>
    Warn,
    /// <summary>Informational: recorded, not graded.</summary>
    Info,
    /// <summary>A precondition is unmet (extension not advertised, role not served).</summary>
    Skip,
    /// <summary>No grade possible: greylisted, tarpitted, rate limited, timed out on a live host.</summary>
    Inconclusive,
    /// <summary>The harness could not run the dialogue (connect failure, bad scenario).</summary>
    Error,
}
