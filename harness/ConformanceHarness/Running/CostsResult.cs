namespace ConformanceHarness.Running;

/// <summary>One result of <see cref="CostsReport"/>.</summary>
internal sealed record CostsResult(string? Target, string? Scenario, double? DurationMs);
