namespace ConformanceHarness.Reporting.Writers;

/// <summary>SARIF 2.1.0 for code-scanning views (see <see cref="SarifReport"/>).</summary>
public sealed class SarifReportWriter : IReportWriter
{
    public string Format => "SARIF";

    public Task WriteAsync(ReportDocument document, Stream stream, CancellationToken cancellationToken) =>
        ReportWriters.WriteTextAsync(stream, SarifReport.Serialize(document), cancellationToken);
}
