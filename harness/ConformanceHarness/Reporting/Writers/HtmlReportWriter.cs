namespace ConformanceHarness.Reporting.Writers;

/// <summary>The self-contained HTML report (see <see cref="HtmlReport"/>).</summary>
public sealed class HtmlReportWriter : IReportWriter
{
    public string Format => "HTML";

    public Task WriteAsync(ReportDocument document, Stream stream, CancellationToken cancellationToken) =>
        HtmlReport.WriteAsync(document, stream, cancellationToken);
}
