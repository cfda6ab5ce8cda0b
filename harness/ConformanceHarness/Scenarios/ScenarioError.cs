namespace ConformanceHarness.Scenarios;

/// <summary>A scenario file that could not be loaded: which file, which line, what was expected.</summary>
public sealed record ScenarioError(string File, int Line, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Message}";
}
