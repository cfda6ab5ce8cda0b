namespace ConformanceHarness.Scenarios;

/// <summary>Raised inside the parser for one malformed construct; the loader turns it into a <see cref="ScenarioError"/>.</summary>
public sealed class ScenarioFormatException : Exception
{
    public ScenarioFormatException(int line, string message)
        : base(message)
    {
        Line = line;
    }

    public ScenarioFormatException()
    {
    }

    public ScenarioFormatException(string message)
        : base(message)
    {
    }

    public ScenarioFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int Line { get; }
}
