namespace ConformanceHarness.Cli;

/// <summary>The command line asks for something that cannot be done; the message tells the user what to change (exit code 2).</summary>
public sealed class UsageException : Exception
{
    public UsageException()
    {
    }

    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
