using System.Xml.Linq;

namespace ConformanceHarness.Reporting.Writers;

/// <summary>JUnit XML for CI servers (see <see cref="JUnitReport"/>).</summary>
public sealed class JUnitReportWriter : IReportWriter
{
    public string Format => "JUnit";

    public Task WriteAsync(ReportDocument document, Stream stream, CancellationToken cancellationToken) =>
        JUnitReport.Build(document).SaveAsync(stream, SaveOptions.None, cancellationToken);
}
