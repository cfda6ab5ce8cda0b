namespace ConformanceHarness.Scenarios;

/// <summary>How much a broken expectation weighs (RFC 2119 words, plus security findings).</summary>
public enum Level
{
    Must,
    Should,
    Security,
    Info,
}
