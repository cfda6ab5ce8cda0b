using System.Reflection;
using System.Text;
using ConformanceHarness.Reporting.Writers;

namespace ConformanceHarness.Reporting;

/// <summary>
/// The machine-readable report: a versioned JSON document (<see cref="SchemaId"/>) described by
/// <c>report.schema.json</c> beside this file. Fields are only ever added within a version. The document is the report
/// model (<see cref="ReportDocument"/>) as it is; these are shorthands for a run.
/// </summary>
public static class JsonReport
{
    public const string SchemaId = "conformance-harness/report/v1";

    public static Task WriteAsync(RunReport report, string path, CancellationToken cancellationToken) =>
        ReportWriters.Json.WriteFileAsync(ReportDocument.FromRun(report), path, cancellationToken);

    public static Task WriteAsync(RunReport report, Stream stream, CancellationToken cancellationToken) =>
        ReportWriters.Json.WriteAsync(ReportDocument.FromRun(report), stream, cancellationToken);

    public static string Serialize(RunReport report) => ReportDocument.FromRun(report).ToJson();

    /// <summary>The JSON Schema (draft 2020-12) of this report version.</summary>
    public static string SchemaText()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("ConformanceHarness.Reporting.report.schema.json")
            ?? throw new InvalidOperationException("the report schema is not embedded in the assembly");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
