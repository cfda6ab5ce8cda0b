using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ConformanceHarness.Running;

namespace ConformanceHarness.Reporting;

/// <summary>
/// The machine-readable report: a versioned JSON document (<see cref="SchemaId"/>) described by
/// <c>report.schema.json</c> beside this file. Fields are only ever added within a version.
/// </summary>
public static class JsonReport
{
    public const string SchemaId = "conformance-harness/report/v1";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,

        // Transcripts are full of '<', '>' and '&' (addresses, headers): keep them readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task WriteAsync(RunReport report, string path, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var stream = File.Create(path);
        await using (stream.ConfigureAwait(false))
        {
            await WriteAsync(report, stream, cancellationToken).ConfigureAwait(false);
        }
    }

    public static async Task WriteAsync(RunReport report, Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var writer = new Utf8JsonWriter(stream, WriterOptions);
        await using (writer.ConfigureAwait(false))
        {
            Write(report, writer);
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public static string Serialize(RunReport report)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(report, writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The JSON Schema (draft 2020-12) of this report version.</summary>
    public static string SchemaText()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("ConformanceHarness.Reporting.report.schema.json")
            ?? throw new InvalidOperationException("the report schema is not embedded in the assembly");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static void Write(RunReport report, Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(report);
        json.WriteStartObject();
        json.WriteString("schema", SchemaId);
        json.WriteString("generated", report.Generated.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        json.WritePropertyName("summary");
        WriteTally(json, report.Tally());

        json.WriteStartArray("targets");
        foreach (var target in report.Targets)
        {
            json.WriteStartObject();
            json.WriteString("name", target.Name);
            json.WriteString("title", target.Title);
            json.WriteString("kind", target.Kind);
            WriteStrings(json, "protocols", target.Protocols);
            json.WriteBoolean("control", target.Control);
            WriteStrings(json, "mustFail", target.MustFail);
            json.WriteString("startError", target.StartError);
            json.WritePropertyName("summary");
            WriteTally(json, report.Tally(target.Name));

            // Added within v1 (optional in the schema): probe --domain names the exchanger behind each address.
            if (target.Exchanger is { } exchanger)
            {
                json.WriteStartObject("exchanger");
                json.WriteString("host", exchanger.Host);
                json.WriteNumber("preference", exchanger.Preference);
                json.WriteBoolean("implicit", exchanger.Implicit);
                json.WriteString("address", exchanger.Address);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("loadErrors");
        foreach (var error in report.LoadErrors)
        {
            json.WriteStartObject();
            json.WriteString("file", error.File);
            json.WriteNumber("line", error.Line);
            json.WriteString("message", error.Message);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("results");
        foreach (var entry in report.Entries)
        {
            WriteResult(json, entry, report.IsExpectedFailure(entry));
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, ReportEntry entry, bool expectedFailure)
    {
        var (scenario, result) = (entry.Scenario, entry.Result);
        json.WriteStartObject();
        json.WriteString("scenario", scenario.Id);
        json.WriteString("title", scenario.Title);
        json.WriteString("target", result.Target);
        json.WriteString("verdict", VerdictNames.Of(result.Verdict));
        json.WriteBoolean("expectedFailure", expectedFailure);
        json.WriteString("summary", result.Summary);
        json.WriteString("expected", result.Expected);
        json.WriteString("actual", result.Actual);
        if (result.Line is { } line)
        {
            json.WriteNumber("line", line);
        }
        else
        {
            json.WriteNull("line");
        }

        json.WriteString("rule", scenario.Rule);
        json.WriteString("level", VerdictNames.Of(scenario.Level));
        WriteStrings(json, "tags", scenario.Tags);
        json.WriteNumber("durationMs", Math.Round(result.Duration.TotalMilliseconds, 1));
        json.WriteString("deviation", result.Deviation);
        WriteStrings(json, "notes", result.Notes);
        json.WriteStartArray("transcript");
        foreach (var transcriptLine in TranscriptLine.Of(result.Transcript))
        {
            json.WriteStartObject();
            json.WriteNumber("atMs", Math.Round(transcriptLine.At.TotalMilliseconds, 1));
            json.WriteString("direction", transcriptLine.Direction.ToString().ToLowerInvariant());
            json.WriteString("connection", transcriptLine.Connection);
            json.WriteString("text", transcriptLine.Text);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        // Added within v1 (optional in the schema): the scenario file and its why/quote, for the HTML and SARIF reports.
        json.WriteString("file", scenario.File);
        json.WriteString("why", scenario.Why);
        json.WriteString("quote", scenario.Quote);
        json.WriteEndObject();
    }

    private static void WriteTally(Utf8JsonWriter json, VerdictTally tally)
    {
        json.WriteStartObject();
        foreach (var verdict in Enum.GetValues<Verdict>())
        {
            json.WriteNumber(VerdictNames.Of(verdict), tally[verdict]);
        }

        json.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
