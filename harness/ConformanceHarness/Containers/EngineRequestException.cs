namespace ConformanceHarness.Containers;

/// <summary>The engine answered a request with an error (not "no such container", which callers treat as done).</summary>
public sealed class EngineRequestException : Exception
{
    public EngineRequestException()
    {
    }

    public EngineRequestException(string message)
        : base(message)
    {
    }

    public EngineRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
