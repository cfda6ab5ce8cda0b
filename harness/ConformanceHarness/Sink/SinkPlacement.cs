namespace ConformanceHarness.Sink;

/// <summary>Where the capture sink runs for container targets.</summary>
public enum SinkPlacement
{
    /// <summary>On the bridge gateway when the engine is on this machine (<see cref="Containers.EngineEndpoint.IsLocal"/>), else in a container.</summary>
    Auto,

    /// <summary>A listener of the harness on the engine's bridge gateway: the engine must be on this machine.</summary>
    Gateway,

    /// <summary>A relay container on the targets' network that the harness connects out to: works on any engine.</summary>
    Container,
}
