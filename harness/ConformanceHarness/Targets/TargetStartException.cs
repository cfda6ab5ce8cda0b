namespace ConformanceHarness.Targets;

/// <summary>A target could not be started or did not become ready; the message carries what it printed.</summary>
public sealed class TargetStartException : Exception
{
    public TargetStartException()
    {
    }

    public TargetStartException(string message)
        : base(message)
    {
    }

    public TargetStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
