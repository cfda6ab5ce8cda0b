using System.Collections.Concurrent;
using ConformanceHarness.Containers;
using ConformanceHarness.Targets;

namespace ConformanceHarness.Tests.Containers;

/// <summary>
/// The bundled container targets for the whole test run: each started once, on first use, and stopped when the
/// run ends (<see cref="ContainerSuiteTeardown"/>). Tests that need Docker fail loudly when no engine answers.
/// </summary>
public static class BundledTargetPool
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<RunningTarget>>> Started = new();
    private static readonly Lazy<TargetLauncher> SharedLauncher = new(() => new TargetLauncher(line => TestContext.Progress.WriteLine(line)));

    public static TargetLauncher Launcher => SharedLauncher.Value;

    public static IReadOnlyList<TargetProfile> Profiles { get; } = BundledTargets.LoadAll();

    public static TargetProfile Profile(string name) => Profiles.First(p => p.Name == name);

    /// <summary>The running target named <paramref name="name"/>, started on first use.</summary>
    public static async Task<RunningTarget> GetAsync(string name)
    {
        await EnsureEngineAsync().ConfigureAwait(false);
        var lazy = Started.GetOrAdd(name, n => new Lazy<Task<RunningTarget>>(() => Launcher.StartAsync(Profile(n), CancellationToken.None)));
        try
        {
            return await lazy.Value.ConfigureAwait(false);
        }
        catch
        {
            // Let a later test try again rather than replay the same failure.
            Started.TryRemove(name, out _);
            throw;
        }
    }

    /// <summary>Fails the calling test with instructions when there is no container engine.</summary>
    public static async Task EnsureEngineAsync()
    {
        try
        {
            await Launcher.EngineAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (EngineUnavailableException e)
        {
            Assert.Fail($"These tests need a Docker engine. {e.Message}");
        }
    }

    internal static async Task StopAllAsync()
    {
        foreach (var lazy in Started.Values)
        {
            if (lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully)
            {
                await lazy.Value.Result.DisposeAsync().ConfigureAwait(false);
            }
        }

        Started.Clear();
        if (SharedLauncher.IsValueCreated)
        {
            await SharedLauncher.Value.DisposeAsync().ConfigureAwait(false);
        }
    }
}
