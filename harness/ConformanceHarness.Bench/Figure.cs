namespace ConformanceHarness.Bench;

/// <summary>One line of the figures table: what was measured, its value, and the goal when it has one.</summary>
internal sealed record Figure(string Name, string Value, string Goal = "", bool? Met = null);
