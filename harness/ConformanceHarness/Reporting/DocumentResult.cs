using System.Text.Json.Serialization;

namespace ConformanceHarness.Reporting;

/// <summary>One scenario × target result as the JSON report holds it, with its evidence.</summary>
public sealed record DocumentResult
{
    private readonly TimeSpan? duration;

    public required string Scenario { get; init; }

    public string Title { get; init; } = string.Empty;

    public required string Target { get; init; }

    public required string Verdict { get; init; }

    public bool ExpectedFailure { get; init; }

    public string Summary { get; init; } = string.Empty;

    public string? Expected { get; init; }

    public string? Actual { get; init; }

    public int? Line { get; init; }

    public string Rule { get; init; } = string.Empty;

    public string Level { get; init; } = "must";

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>As the JSON report writes it: milliseconds, rounded to 0.1.</summary>
    public double DurationMs { get; init; }

    /// <summary>
    /// The exact duration when the result comes straight from a run (JUnit sums and prints it to the millisecond, and a
    /// sum of rounded figures could differ); from a JSON file, <see cref="DurationMs"/> is all there is.
    /// </summary>
    [JsonIgnore]
    public TimeSpan Duration
    {
        get => duration ?? TimeSpan.FromMilliseconds(DurationMs);
        init => duration = value;
    }

    public string? Deviation { get; init; }

    public IReadOnlyList<string> Notes { get; init; } = [];

    public IReadOnlyList<DocumentTranscriptLine> Transcript { get; init; } = [];

    /// <summary>The scenario file (added in v1 after its first release; absent in older reports).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? File { get; init; }

    /// <summary>The scenario's <c>why</c> (absent in older reports).</summary>
    public string? Why { get; init; }

    /// <summary>The scenario's <c>quote</c>, the requirement's words (absent in older reports).</summary>
    public string? Quote { get; init; }

    /// <summary>What stopped the scenario when other results share it (a 554 greeting, a framing error); absent in older reports.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DocumentCause? Cause { get; init; }

    /// <summary>The protocol: the scenario id's first segment.</summary>
    [JsonIgnore]
    public string Protocol => Scenario.Split('/')[0];

    [JsonIgnore]
    public (string Target, string Scenario) Key => (Target, Scenario);
}
