using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConformanceHarness.Reporting;

/// <summary>
/// The report model's serializer, source-generated (no reflection). Two option sets over one model: <see cref="File"/>
/// is the JSON report file (indented, readable transcripts, timestamps to the millisecond); <see cref="Embedded"/> is the
/// copy inside the HTML report's &lt;script&gt;, where the default encoder must escape '&lt;' so no "&lt;/script&gt;" appears.
/// Reading ignores members it does not know (a report written by a later version of v1).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(ReportDocument))]
internal sealed partial class ReportJsonContext : JsonSerializerContext
{
    public static ReportJsonContext File { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,

        // Transcripts are full of '<', '>' and '&' (addresses, headers): keep them readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        Converters = { new UtcTimestampConverter() },
    });

    public static ReportJsonContext Embedded { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web));
}
