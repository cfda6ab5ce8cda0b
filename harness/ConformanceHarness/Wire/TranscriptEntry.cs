namespace ConformanceHarness.Wire;

/// <summary>One byte-exact event of a session. For notes, <see cref="Bytes"/> holds UTF-8 text.</summary>
public sealed record TranscriptEntry(TimeSpan At, TranscriptDirection Direction, byte[] Bytes, string Connection = "main");
