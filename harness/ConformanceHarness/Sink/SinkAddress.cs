namespace ConformanceHarness.Sink;

/// <summary>Where the targets deliver to the capture sink: the <c>SINK_HOST</c> and <c>SINK_PORT</c> a container is given.</summary>
public sealed record SinkAddress(string Host, int Port)
{
    public override string ToString() => $"{Host}:{Port}";
}
