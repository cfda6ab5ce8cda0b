namespace ConformanceHarness.Scenarios;

/// <summary>
/// An <c>ASSERT</c> argument that does not have the check's shape (<c>equals</c> without <c>==</c>, <c>top-lines</c>
/// without a number, after variables were expanded): the check cannot judge the server, so it is a scenario error.
/// A scenario that compares a captured value is responsible for capturing one of the right shape.
/// </summary>
public sealed class CheckArgumentException : Exception
{
    public CheckArgumentException()
    {
    }

    public CheckArgumentException(string message)
        : base(message)
    {
    }

    public CheckArgumentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
