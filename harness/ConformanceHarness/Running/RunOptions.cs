using ConformanceHarness.Wire;

namespace ConformanceHarness.Running;

/// <summary>Settings of one run.</summary>
public sealed record RunOptions
{
    public WireOptions Wire { get; init; } = WireOptions.Default;

    /// <summary>Extra variables (from the command line) that override profile variables.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();

    /// <summary>How long a whole scenario may take before it is stopped (a hard bound over all its steps).</summary>
    public TimeSpan ScenarioTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Polite mode for live servers (the <c>probe</c>): no DATA/BDAT unless every recipient of the transaction is the
    /// address the user controls, a delay before every write and connection, a longer wait for greetings. Null: off.
    /// </summary>
    public PoliteMode? Polite { get; init; }
}
