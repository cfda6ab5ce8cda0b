namespace ConformanceHarness.Reporting.Writers;

/// <summary>One report format, written from the one report model. The formats are chosen in one place: <see cref="ReportWriters"/>.</summary>
public interface IReportWriter
{
    /// <summary>The format's name as the console announces the file ("JSON", "JUnit", "SARIF", "HTML").</summary>
    string Format { get; }

    Task WriteAsync(ReportDocument document, Stream stream, CancellationToken cancellationToken);
}
