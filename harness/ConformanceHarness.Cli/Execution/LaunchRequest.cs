using ConformanceHarness.Containers;

namespace ConformanceHarness.Cli.Execution;

/// <summary>
/// What a run asks of its launcher: where its log lines go, the engine <c>--engine</c> named (null: DOCKER_HOST's), and
/// how long a process: or live: target may take to greet (<c>--start-timeout</c>).
/// </summary>
public sealed record LaunchRequest(Action<string> Log, EngineEndpoint? Engine, TimeSpan StartTimeout);
