namespace ConformanceHarness.Reporting;

/// <summary>
/// A result's cause as the JSON report holds it (added within v1): <see cref="Key"/> groups the results that met the
/// same thing, <see cref="Text"/> says what it is, <see cref="ReportedBy"/> is set on a result not graded because of it.
/// </summary>
public sealed record DocumentCause(string Key, string Text, string? ReportedBy);
