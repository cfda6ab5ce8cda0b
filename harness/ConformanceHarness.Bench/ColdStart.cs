using System.Diagnostics;
using ConformanceHarness.Cli.Execution;
using ConformanceHarness.Running;
using ConformanceHarness.Scenarios;
using ConformanceHarness.Targets;

namespace ConformanceHarness.Bench;

/// <summary>
/// Cold start with the images cached: every bundled target started at once (as <c>compare --bundled</c> does) by a
/// fresh launcher, timed from the start request to its greeting and to its first graded scenario.
/// </summary>
internal static class ColdStart
{
    public sealed record Outcome(string Target, TimeSpan? Greeted, TimeSpan? FirstVerdict, string? Error);

    public static async Task<IReadOnlyList<Outcome>> MeasureAsync(IReadOnlyList<TargetProfile> profiles, IReadOnlyList<Scenario> scenarios, Action<string> log, CancellationToken cancellationToken)
    {
        await using var launcher = new TargetLauncher(log);
        var plans = TargetPlan.For(profiles, scenarios).Where(p => p.Scenarios.Count > 0).ToList();
        var clock = Stopwatch.StartNew();
        return await Task.WhenAll(plans.Select(plan => Task.Run(async () =>
        {
            RunningTarget? target = null;
            try
            {
                target = await launcher.StartAsync(plan.Profile, cancellationToken).ConfigureAwait(false);
                var greeted = clock.Elapsed;
                await new ScenarioRunner().RunAsync(plan.Scenarios[0], target, cancellationToken).ConfigureAwait(false);
                return new Outcome(plan.Profile.Name, greeted, clock.Elapsed, null);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return new Outcome(plan.Profile.Name, null, null, e.Message.Split('\n')[0]);
            }
            finally
            {
                if (target is not null)
                {
                    await target.DisposeAsync().ConfigureAwait(false);
                }
            }
        }, cancellationToken))).ConfigureAwait(false);
    }
}
