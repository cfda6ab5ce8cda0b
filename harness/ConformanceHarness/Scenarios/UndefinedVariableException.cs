namespace ConformanceHarness.Scenarios;

/// <summary>
/// A template names a variable nobody defined: the scenario's fault (or the profile's), never the server's. A
/// <see cref="KeyNotFoundException"/> so that callers of <see cref="Template"/> that expect one keep working; the
/// dialogue interpreter catches only this type, so a lookup failing inside the harness itself stays a harness Error.
/// </summary>
public sealed class UndefinedVariableException : KeyNotFoundException
{
    public UndefinedVariableException()
    {
    }

    public UndefinedVariableException(string message)
        : base(message)
    {
    }

    public UndefinedVariableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
