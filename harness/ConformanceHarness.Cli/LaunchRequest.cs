namespace ConformanceHarness.Cli;

/// <summary>What a run asks of its target launcher: where its log lines go, and how long a target may take to greet (<c>--start-timeout</c>).</summary>
public sealed record LaunchRequest(Action<string> Log, TimeSpan StartTimeout);
