using System.Text.Json;

namespace ConformanceHarness.Reporting.Writers;

/// <summary>The JSON report (schema <see cref="JsonReport.SchemaId"/>): the model as it is, through the source-generated serializer.</summary>
public sealed class JsonReportWriter : IReportWriter
{
    public string Format => "JSON";

    public Task WriteAsync(ReportDocument document, Stream stream, CancellationToken cancellationToken) =>
        JsonSerializer.SerializeAsync(stream, document, ReportJsonContext.File.ReportDocument, cancellationToken);
}
