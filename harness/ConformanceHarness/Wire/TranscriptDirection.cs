namespace ConformanceHarness.Wire;

public enum TranscriptDirection
{
    /// <summary>Bytes the harness sent.</summary>
    Client,
    /// <summary>Bytes the server sent.</summary>
    Server,
    /// <summary>What the harness did or saw that is not bytes (connect, TLS, timeout, close).</summary>
    Note,
}
