namespace ConformanceHarness.Cli.Commands;

/// <summary>One scenario as <c>list --format json</c> prints it.</summary>
internal sealed record ListedScenario(string Id, string Level, string Rule, string Title, string Role, IReadOnlyList<string> Tags, IReadOnlyList<string> Requires, string File);
