using ConformanceHarness.Containers;

namespace ConformanceHarness.Cli.Execution;

/// <summary>What a run asks of its launcher: where its log lines go, and the engine <c>--engine</c> named (null: DOCKER_HOST's).</summary>
public sealed record LaunchRequest(Action<string> Log, EngineEndpoint? Engine);
