using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConformanceHarness.Reporting;

/// <summary>
/// The JSON report (schema <see cref="JsonReport.SchemaId"/>) read back into typed records: what the HTML and SARIF
/// reports, baselines and <c>merge</c> work from. A run becomes one through its own JSON (<see cref="FromRun"/>), so a
/// report rendered right after a run and one rendered later from its JSON file are the same.
/// </summary>
public sealed record ReportDocument
{
    private static readonly JsonSerializerOptions ReadOptions = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    private static readonly JsonSerializerOptions WriteOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new UtcTimestampConverter() },
    };

    public string Schema { get; init; } = JsonReport.SchemaId;

    public DateTimeOffset Generated { get; init; }

    public IReadOnlyDictionary<string, int> Summary { get; init; } = new Dictionary<string, int>();

    public IReadOnlyList<DocumentTarget> Targets { get; init; } = [];

    public IReadOnlyList<DocumentLoadError> LoadErrors { get; init; } = [];

    public IReadOnlyList<DocumentResult> Results { get; init; } = [];

    public static ReportDocument FromRun(RunReport report) => Parse(JsonReport.Serialize(report));

    /// <summary>Reads a report; a document of another schema (or not a report at all) is an <see cref="InvalidDataException"/>.</summary>
    public static ReportDocument Parse(string json)
    {
        ReportDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<ReportDocument>(json, ReadOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"not a conformance-harness JSON report: {e.Message}", e);
        }

        if (document is null || document.Schema != JsonReport.SchemaId)
        {
            throw new InvalidDataException($"not a conformance-harness JSON report (schema '{document?.Schema}', expected '{JsonReport.SchemaId}')");
        }

        return document;
    }

    public static async Task<ReportDocument> LoadAsync(string path, CancellationToken cancellationToken)
    {
        var text = await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        try
        {
            return Parse(text);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>The document as the JSON report (same schema).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, WriteOptions);

    public async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        ReportFiles.CreateDirectoryFor(path);
        await File.WriteAllTextAsync(path, ToJson(), new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Verdict counts, in verdict order, over the results of one target (or all).</summary>
    public static IReadOnlyDictionary<string, int> TallyOf(IEnumerable<DocumentResult> results)
    {
        var counts = DocumentVerdicts.All.ToDictionary(v => v, _ => 0);
        foreach (var result in results)
        {
            counts[result.Verdict] = counts.GetValueOrDefault(result.Verdict) + 1;
        }

        return counts;
    }

    /// <summary>Fails nobody foresaw and errors: what makes a run exit 1.</summary>
    public static bool IsFailure(DocumentResult result) =>
        result.Verdict == DocumentVerdicts.Error || (result.Verdict == DocumentVerdicts.Fail && !result.ExpectedFailure);

    [JsonIgnore]
    public bool HasFailures => LoadErrors.Count > 0 || Results.Any(IsFailure);
}

/// <summary>The verdict names of the JSON report, in verdict order.</summary>
public static class DocumentVerdicts
{
    public const string Pass = "pass";
    public const string Fail = "fail";
    public const string Warn = "warn";
    public const string Info = "info";
    public const string Skip = "skip";
    public const string Inconclusive = "inconclusive";
    public const string Error = "error";

    public static readonly IReadOnlyList<string> All = [Pass, Fail, Warn, Info, Skip, Inconclusive, Error];
}

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

public sealed record DocumentExchanger(string Host, int Preference, bool Implicit, string Address);

public sealed record DocumentLoadError(string File, int Line, string Message);

public sealed record DocumentResult
{
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

    public double DurationMs { get; init; }

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

    /// <summary>The protocol: the scenario id's first segment.</summary>
    [JsonIgnore]
    public string Protocol => Scenario.Split('/')[0];

    [JsonIgnore]
    public (string Target, string Scenario) Key => (Target, Scenario);
}

public sealed record DocumentTranscriptLine(double AtMs, string Direction, string Connection, string Text);

/// <summary>File helpers the report writers share.</summary>
public static class ReportFiles
{
    public static void CreateDirectoryFor(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
    }
}

/// <summary>Timestamps as the JSON report writes them: UTC, milliseconds, 'Z'.</summary>
internal sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
}
