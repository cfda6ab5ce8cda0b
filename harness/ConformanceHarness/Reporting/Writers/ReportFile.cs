namespace ConformanceHarness.Reporting.Writers;

/// <summary>A report to write: a format and the file it goes to.</summary>
public sealed record ReportFile(IReportWriter Writer, string Path)
{
    public Task WriteAsync(ReportDocument document, CancellationToken cancellationToken) => Writer.WriteFileAsync(document, Path, cancellationToken);
}
