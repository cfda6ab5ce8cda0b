using ConformanceHarness.Wire;

namespace ConformanceHarness.Running;

/// <summary>Settings of one run. Values are checked when set (see <see cref="WireOptions"/>): a bad one never reaches a run.</summary>
public sealed record RunOptions
{
    /// <summary>A scenario's hard bound: long enough for the slowest step timeout's scenarios, short of a day.</summary>
    public static DurationRange ScenarioTimeoutRange { get; } = new(TimeSpan.FromMilliseconds(10), TimeSpan.FromDays(1));

    /// <summary>
    /// How many step timeouts a scenario's bound allows when it grows with the step timeout (<see cref="WithStepTimeout"/>):
    /// a scenario has many steps, and a slow server must still be graded rather than cut off.
    /// </summary>
    public const int StepsPerScenario = 12;

    public WireOptions Wire { get; init; } = WireOptions.Default;

    /// <summary>Extra variables (from the command line) that override profile variables.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();

    /// <summary>How long a whole scenario may take before it is stopped (a hard bound over all its steps).</summary>
    public TimeSpan ScenarioTimeout { get; init => field = ScenarioTimeoutRange.Check(value, nameof(ScenarioTimeout)); } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Polite mode for live servers (the <c>probe</c>): no DATA/BDAT unless every recipient of the transaction is the
    /// address the user controls, a delay before every write and connection, a longer wait for greetings. Null: off.
    /// </summary>
    public PoliteMode? Polite { get; init; }

    /// <summary>
    /// A server the harness started (a <c>process:</c> target) that exits mid-run is started again for the scenarios after
    /// it (<c>--restart-on-exit</c>); off, they are not run. The exit itself is reported once either way.
    /// </summary>
    public bool RestartOnExit { get; init; }

    /// <summary>Durations from an earlier run: each target starts its longest scenarios first. Null: catalog order.</summary>
    public ScenarioCosts? Costs { get; init; }

    /// <summary>
    /// These options with step timeout <paramref name="step"/>, and a scenario bound that grows with it: at least
    /// <see cref="StepsPerScenario"/> steps plus <paramref name="allowance"/> (waits that are not steps, such as a slow
    /// greeting or a delivery check), never less than the bound already set.
    /// </summary>
    public RunOptions WithStepTimeout(TimeSpan step, TimeSpan allowance = default) => this with
    {
        Wire = Wire with { StepTimeout = step },
        ScenarioTimeout = TimeSpan.FromTicks(Math.Max(ScenarioTimeout.Ticks, (step * StepsPerScenario + allowance).Ticks)),
    };
}
