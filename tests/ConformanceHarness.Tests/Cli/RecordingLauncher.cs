using ConformanceHarness.Targets;

namespace ConformanceHarness.Tests.Cli;

/// <summary>A launcher for live targets that remembers what it started and whether each was stopped again.</summary>
public sealed class RecordingLauncher : ITargetLauncher
{
    private readonly Func<TargetProfile, Exception?> fail;

    public RecordingLauncher(Func<TargetProfile, Exception?>? fail = null)
    {
        this.fail = fail ?? (_ => null);
    }

    public List<RecordingTarget> Started { get; } = [];

    public List<string> Attempted { get; } = [];

    public Task<RunningTarget> StartAsync(TargetProfile profile, CancellationToken cancellationToken)
    {
        lock (Attempted)
        {
            Attempted.Add(profile.Name);
        }

        if (fail(profile) is { } error)
        {
            return Task.FromException<RunningTarget>(error);
        }

        var roles = profile.Ports.ToDictionary(p => p.Key, p => new RoleEndpoint(profile.Host!, p.Value, false));
        var target = new RecordingTarget(profile, roles);
        lock (Started)
        {
            Started.Add(target);
        }

        return Task.FromResult<RunningTarget>(target);
    }
}

public sealed class RecordingTarget(TargetProfile profile, IReadOnlyDictionary<string, RoleEndpoint> roles)
    : RunningTarget(profile, roles, live: false)
{
    public bool Stopped { get; private set; }

    public override ValueTask DisposeAsync()
    {
        Stopped = true;
        return base.DisposeAsync();
    }
}
