using System.Diagnostics;
using ConformanceHarness.Running.Dialogue;
using ConformanceHarness.Scenarios;
using ConformanceHarness.Targets;
using ConformanceHarness.Wire;

namespace ConformanceHarness.Running;

/// <summary>
/// Runs scenarios against a running target and grades them. Never throws for anything a server does:
/// silence, garbage, resets and endless output all end in a verdict within the step timeouts.
/// </summary>
public sealed class ScenarioRunner
{
    private static readonly Capabilities NoCapabilities = new(new HashSet<string>(), new HashSet<string>(), string.Empty, null);

    private readonly CapabilityProbe probe = new();

    public RunOptions Options { get; }

    public ScenarioRunner(RunOptions? options = null)
    {
        Options = options ?? new RunOptions();
    }

    public Task<ScenarioResult> RunAsync(Scenario scenario, RunningTarget target, CancellationToken cancellationToken) =>
        RunAsync(scenario, target, null, cancellationToken);

    /// <summary>
    /// One scenario. <paramref name="budget"/>: the target's connection budget, told of greetings turned away and served
    /// (<see cref="TargetSession"/> passes its own; a lone run has none and only retries with backoff).
    /// </summary>
    public async Task<ScenarioResult> RunAsync(Scenario scenario, RunningTarget target, ConnectionBudget? budget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(target);
        var clock = Stopwatch.StartNew();
        var result = await RunCoreAsync(scenario, target, budget, cancellationToken).ConfigureAwait(false);
        // Every verdict that grades the server short of Pass can be a recorded, explained deviation; Pass, Skip and Error
        // say nothing about the server's conformance, so a record never attaches to them.
        var deviation = target.Profile.Deviations.FirstOrDefault(d => d.Explains(scenario.Id, result.Actual));
        if (deviation is not null && result.Verdict is Verdict.Fail or Verdict.Warn or Verdict.Info or Verdict.Inconclusive)
        {
            result = result with { Deviation = $"known deviation ({deviation.Rule}): {deviation.Why}" };
        }

        return result with { Duration = clock.Elapsed };
    }

    private async Task<ScenarioResult> RunCoreAsync(Scenario scenario, RunningTarget target, ConnectionBudget? budget, CancellationToken cancellationToken)
    {
        if (!target.Roles.TryGetValue(scenario.Role, out var endpoint))
        {
            return Skip(scenario, target, $"the target serves no '{scenario.Role}' role");
        }

        // Only a scenario with preconditions or a SECURE step pays for the probe: against a silent or dripping server
        // the probe alone would spend several step timeouts before the dialogue's own first step.
        var capabilities = scenario.Requires.Count == 0 && !scenario.Steps.OfType<SecureStep>().Any()
            ? NoCapabilities
            : await probe.GetAsync(target, scenario.Role, endpoint, Options.Wire, budget, cancellationToken).ConfigureAwait(false);
        if (capabilities.Refused)
        {
            // The probe's connection was turned away on every attempt: a limit, not a missing extension (never Skip or Fail).
            return new ScenarioResult { ScenarioId = scenario.Id, Target = target.Name, Verdict = Verdict.Inconclusive, Summary = $"{ServiceRefusal.Summary} (capability probe: {capabilities.ProbeError}): no grade" };
        }

        var unmet = scenario.Requires.Where(r => !Satisfied(r, target, capabilities)).ToList();
        if (unmet.Count > 0)
        {
            var why = capabilities.ProbeError is null ? string.Empty : $" ({capabilities.ProbeError})";
            var apop = unmet.Contains(ApopSecret) ? $"; {ApopSecret}: no APOP secret for {target.Profile.Identity.User} (identity apop_secret in the profile, or --apop-secret)" : string.Empty;
            return Skip(scenario, target, $"precondition not met: {string.Join(", ", unmet)}{why}{apop}");
        }

        using var scenarioTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        scenarioTimeout.CancelAfter(Options.ScenarioTimeout);
        var execution = new DialogueExecution(scenario, target, Options, capabilities, budget);
        try
        {
            return await execution.RunAsync(endpoint, scenarioTimeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return execution.Finish(Verdict.Error, $"the scenario did not finish within {Options.ScenarioTimeout.TotalSeconds:0}s", null, null, null);
        }
        finally
        {
            await execution.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>A requirement is met by a role the target serves, a feature or oracle it has, or an advertised extension.</summary>
    private static bool Satisfied(string requirement, RunningTarget target, Capabilities capabilities)
    {
        var negated = requirement.StartsWith('!');
        var word = negated ? requirement[1..] : requirement;
        var met = target.Roles.ContainsKey(word)
            || target.Profile.Features.Contains(word, StringComparer.OrdinalIgnoreCase)
            || target.Oracles.ContainsKey(word)
            || capabilities.Has(word)
            || (word == "live" && target.Live)
            || (word == ApopSecret && target.Profile.Identity.ApopSecret is not null);
        return met != negated;
    }

    /// <summary>
    /// The test user has an APOP shared secret (RFC 1939 §7) the harness knows. A timestamp in the greeting says only
    /// that the command exists, not that this user has a secret, nor that it equals the login password.
    /// </summary>
    public const string ApopSecret = "apop-secret";

    private static ScenarioResult Skip(Scenario scenario, RunningTarget target, string why) => new()
    {
        ScenarioId = scenario.Id,
        Target = target.Name,
        Verdict = Verdict.Skip,
        Summary = why,
    };
}
