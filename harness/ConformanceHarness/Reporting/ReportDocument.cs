using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConformanceHarness.Reporting;

/// <summary>
/// The one report model: every writer (JSON, JUnit, SARIF, HTML; see <see cref="Writers.ReportWriters"/>), baselines and
/// <c>merge</c> work from it. Its shape is the JSON report's (schema <see cref="JsonReport.SchemaId"/>, described by
/// <c>report.schema.json</c>): a run becomes one directly (<see cref="FromRun"/>), a JSON file through
/// <see cref="Parse"/>, so a report rendered right after a run and one rendered later from its JSON file are the same.
/// </summary>
public sealed record ReportDocument
{
    public string Schema { get; init; } = JsonReport.SchemaId;

    public DateTimeOffset Generated { get; init; }

    public IReadOnlyDictionary<string, int> Summary { get; init; } = new Dictionary<string, int>();

    public IReadOnlyList<ReportTarget> Targets { get; init; } = [];

    public IReadOnlyList<DocumentLoadError> LoadErrors { get; init; } = [];

    public IReadOnlyList<DocumentResult> Results { get; init; } = [];

    /// <summary>The run was interrupted (Ctrl+C) and this holds only what finished; absent from the JSON when false.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Partial { get; init; }

    [JsonIgnore]
    public bool HasFailures => LoadErrors.Count > 0 || Results.Any(IsFailure);

    /// <summary>The run as a report: tallies counted and expected failures decided here, once.</summary>
    public static ReportDocument FromRun(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new ReportDocument
        {
            // The JSON report keeps milliseconds: the model holds what the file holds.
            Generated = new DateTimeOffset(report.Generated.UtcTicks - (report.Generated.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero),
            Summary = report.Tally().ByName(),
            Targets = [.. report.Targets.Select(t => t with { Summary = report.Tally(t.Name).ByName() })],
            LoadErrors = [.. report.LoadErrors.Select(e => new DocumentLoadError(e.File, e.Line, e.Message))],
            Results = [.. report.Entries.Select(e => ResultOf(e, report.IsExpectedFailure(e)))],
            Partial = report.Partial,
        };
    }

    /// <summary>Reads a report; a document of another schema (or not a report at all) is an <see cref="InvalidDataException"/>.</summary>
    public static ReportDocument Parse(string json)
    {
        ReportDocument? document;
        try
        {
            using (JsonDocument.Parse(json))
            {
            }
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"not a report (not JSON: line {(e.LineNumber ?? 0) + 1})", e);
        }

        try
        {
            document = JsonSerializer.Deserialize(json, ReportJsonContext.File.ReportDocument);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"not a report (JSON, but not the report/v1 shape at {e.Path ?? "$"}, line {(e.LineNumber ?? 0) + 1})", e);
        }

        if (document is null || document.Schema != JsonReport.SchemaId)
        {
            throw new InvalidDataException($"not a report (schema '{document?.Schema}', expected '{JsonReport.SchemaId}')");
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
            throw new InvalidDataException($"{path} is {e.Message}", e);
        }
    }

    /// <summary>Verdict counts, in verdict order, over the results of one target (or all).</summary>
    public static IReadOnlyDictionary<string, int> TallyOf(IEnumerable<DocumentResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return VerdictTally.Of(results.Select(r => r.Verdict)).ByName();
    }

    /// <summary>The verdict counts of one target's results (or all), as the console prints them.</summary>
    public VerdictTally Tally(string? target = null) =>
        VerdictTally.Of(Results.Where(r => target is null || r.Target == target).Select(r => r.Verdict));

    /// <summary>Fails nobody foresaw and errors: what makes a run exit 1 (with load errors: <see cref="HasFailures"/>).</summary>
    public static bool IsFailure(DocumentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Verdict == DocumentVerdicts.Error || (result.Verdict == DocumentVerdicts.Fail && !result.ExpectedFailure);
    }

    /// <summary>The document as the JSON report (same schema).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, ReportJsonContext.File.ReportDocument);

    private static DocumentResult ResultOf(ReportEntry entry, bool expectedFailure)
    {
        var (scenario, result) = (entry.Scenario, entry.Result);
        return new DocumentResult
        {
            Scenario = scenario.Id,
            Title = scenario.Title,
            Target = result.Target,
            Verdict = VerdictNames.Of(result.Verdict),
            ExpectedFailure = expectedFailure,
            Summary = result.Summary,
            Expected = result.Expected,
            Actual = result.Actual,
            Line = result.Line,
            Rule = scenario.Rule,
            Level = VerdictNames.Of(scenario.Level),
            Tags = scenario.Tags,
            DurationMs = Math.Round(result.Duration.TotalMilliseconds, 1),
            Duration = result.Duration,
            Deviation = result.Deviation,
            Notes = result.Notes,
            Transcript = [.. TranscriptLine.Of(result.Transcript).Select(l => new DocumentTranscriptLine(
                Math.Round(l.At.TotalMilliseconds, 1), l.Direction.ToString().ToLowerInvariant(), l.Connection, l.Text))],
            File = scenario.File,
            Why = scenario.Why,
            Quote = scenario.Quote,
            Cause = result.Cause is { } cause ? new DocumentCause(cause.Key, cause.Text, result.CauseReportedBy) : null,
        };
    }
}
