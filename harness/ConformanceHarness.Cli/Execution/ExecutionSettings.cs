using ConformanceHarness.Running;

namespace ConformanceHarness.Cli.Execution;

/// <summary>What <c>run</c> and <c>compare</c> share: the runner's options, concurrency, and the report files.</summary>
public sealed record ExecutionSettings
{
    public RunOptions Options { get; init; } = new();

    /// <summary>Scenarios at once per target (per client address where the target is spread); null: the profile's <c>concurrency</c>, else 4, or 1 for live targets (a third party's server).</summary>
    public int? Concurrency { get; init; }

    public string? JUnitPath { get; init; }

    public string? JsonPath { get; init; }

    public bool Verbose { get; init; }

    /// <summary><c>--engine URL</c>: the engine container targets run on, in place of DOCKER_HOST; null keeps DOCKER_HOST's.</summary>
    public string? Engine { get; init; }

    /// <summary><c>--start-timeout</c>: how long a process: target or a live server may take to greet.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><c>--shard i/n</c>: run only this part of the scenario × target pairs; null runs them all.</summary>
    public Shard? Shard { get; init; }

    /// <summary>The user's number, else the profile's <c>concurrency:</c>, else the default for its kind.</summary>
    public int ConcurrencyFor(Targets.TargetProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return Concurrency ?? profile.Concurrency ?? TargetSession.DefaultConcurrency(profile.Kind);
    }
}
