namespace ConformanceHarness.Targets;

/// <summary>A target specification or profile the user gave cannot be used; the message says why and what is expected.</summary>
public sealed class TargetSpecException : Exception
{
    public TargetSpecException()
    {
    }

    public TargetSpecException(string message)
        : base(message)
    {
    }

    public TargetSpecException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
