namespace ConformanceHarness.Reporting;

/// <summary>One transcript line as the JSON report writes it (see <see cref="TranscriptLine"/>).</summary>
public sealed record DocumentTranscriptLine(double AtMs, string Direction, string Connection, string Text);
