namespace ConformanceHarness.Running.Dialogue;

/// <summary>
/// A step's bad outcome, or a stop: how it is graded, and the evidence. A Pass-graded problem ends the dialogue early
/// because the rule held (the polite guard, a refused FINDING line, a server that closed instead of completing TLS).
/// </summary>
internal sealed record StepProblem(Verdict Verdict, string Summary, string? Expected, string? Actual)
{
    /// <summary>The problem is a TCP connect the server refused (nothing listening, or a limit: see <see cref="GreetingRetry"/>).</summary>
    public bool ConnectionRefused { get; init; }

    /// <summary>The scenario itself is wrong (an undefined variable, a bad ASSERT argument): never the server's fault.</summary>
    public static StepProblem ScenarioError(string why) => new(Verdict.Error, $"scenario error: {why}", null, null);
}
