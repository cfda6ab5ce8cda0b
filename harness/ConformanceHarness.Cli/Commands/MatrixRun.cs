using ConformanceHarness.Cli.Execution;
using ConformanceHarness.Cli.Rendering;
using ConformanceHarness.Reporting;
using ConformanceHarness.Scenarios;
using ConformanceHarness.Targets;
using Spectre.Console;

namespace ConformanceHarness.Cli.Commands;

/// <summary>What <c>run</c> and <c>compare</c> share: plan, launch, run under a progress display (the report files: <see cref="ReportOutputs"/>).</summary>
internal static class MatrixRun
{
    public static async Task<RunReport> ExecuteAsync(
        CliHost host, IReadOnlyList<TargetProfile> profiles, IReadOnlyList<Scenario> scenarios, IReadOnlyList<ScenarioError> loadErrors, ExecutionSettings settings, CancellationToken cancellationToken)
    {
        var plans = TargetPlan.For(profiles, scenarios);
        foreach (var assumed in plans.Select(p => p.Profile.Assumed).OfType<string>())
        {
            host.Error.MarkupLine($"[grey]{Markup.Escape(assumed)}[/]");
        }

        foreach (var idle in plans.Where(p => p.Scenarios.Count == 0))
        {
            host.Error.MarkupLine($"[yellow]target {Markup.Escape(idle.Profile.Name)} is not started: no selected scenario is for its protocols ({Markup.Escape(string.Join(", ", idle.Profile.Protocols))})[/]");
        }

        plans = plans.Where(p => p.Scenarios.Count > 0).ToList();
        if (plans.Count == 0)
        {
            var protocols = string.Join(", ", scenarios.Select(s => s.Protocol).Distinct());
            throw new UsageException($"no selected scenario is for the protocols of the target(s); the selection holds {protocols} scenarios");
        }

        if (settings.Shard is { } shard)
        {
            plans = shard.Apply(plans);
            host.Error.MarkupLine($"[grey]shard {shard}: {plans.Sum(p => p.Scenarios.Count)} scenario × target pair(s) on {plans.Count} target(s)[/]");
        }

        IRunProgress? progress = null;
        var launcher = host.CreateLauncher(new LaunchRequest(line => progress?.Log(line), Engine(host, settings), settings.StartTimeout));
        Diagnostics.PhaseTrace.Mark("launcher made");
        try
        {
            return await LiveProgress.RunAsync(host, plans, p =>
            {
                progress = p;
                return new MatrixExecution(launcher, settings, p).RunAsync(plans, loadErrors, cancellationToken);
            }).ConfigureAwait(false);
        }
        finally
        {
            if (launcher is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary><c>--engine</c> in place of DOCKER_HOST, with the TLS variables read as for DOCKER_HOST; null without it.</summary>
    private static Containers.EngineEndpoint? Engine(CliHost host, ExecutionSettings settings)
    {
        try
        {
            return settings.Engine is { } url ? Containers.EngineEndpoint.ForHost(url, host.GetEnvironmentVariable) : null;
        }
        catch (Containers.EngineUnavailableException e)
        {
            throw new UsageException($"--engine: {e.Message}");
        }
    }
}
