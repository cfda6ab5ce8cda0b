namespace ConformanceHarness.Running;

/// <summary>The part of a JSON report <see cref="ScenarioCosts"/> reads: each result's target, scenario and duration (the rest, transcripts included, is skipped while it streams by).</summary>
internal sealed record CostsReport(IReadOnlyList<CostsResult>? Results);
