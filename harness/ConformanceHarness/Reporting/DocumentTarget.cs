using System.Text.Json.Serialization;

namespace ConformanceHarness.Reporting;

/// <summary>A target as the JSON report names it, with its verdict counts.</summary>
public sealed record DocumentTarget
{
    public required string Name { get; init; }

    public string Title { get; init; } = string.Empty;

    public string Kind { get; init; } = "live";

    public IReadOnlyList<string> Protocols { get; init; } = [];

    public bool Control { get; init; }

    public IReadOnlyList<string> MustFail { get; init; } = [];

    public string? StartError { get; init; }

    public IReadOnlyDictionary<string, int> Summary { get; init; } = new Dictionary<string, int>();

    /// <summary>For <c>probe --domain</c>: the exchanger behind this address (absent otherwise).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DocumentExchanger? Exchanger { get; init; }
}
