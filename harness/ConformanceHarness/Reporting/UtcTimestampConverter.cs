using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConformanceHarness.Reporting;

/// <summary>Timestamps as the JSON report writes them: UTC, milliseconds, 'Z'.</summary>
internal sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    /// <summary>
    /// Reads as the serializer's own converter does (ISO 8601 only): a malformed or null timestamp in a report file is a
    /// JsonException (so <see cref="ReportDocument.Parse"/> calls it "not a report"), never a FormatException that escapes.
    /// </summary>
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
}
