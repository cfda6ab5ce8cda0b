namespace ConformanceHarness.Reporting;

/// <summary>A scenario file that could not be loaded, as the JSON report names it.</summary>
public sealed record DocumentLoadError(string File, int Line, string Message);
