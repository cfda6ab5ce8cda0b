using System.Text;

namespace ConformanceHarness.Reporting.Writers;

/// <summary>
/// The report formats, chosen in one place: the CLI's <c>--junit</c>, <c>--json</c>, <c>--sarif</c> and <c>--html</c>
/// become the list of files to write (<see cref="Select"/>), in that order.
/// </summary>
public static class ReportWriters
{
    public static readonly IReportWriter JUnit = new JUnitReportWriter();

    public static readonly IReportWriter Json = new JsonReportWriter();

    public static readonly IReportWriter Sarif = new SarifReportWriter();

    public static readonly IReportWriter Html = new HtmlReportWriter();

    /// <summary>The files asked for (a null path: that format is not written).</summary>
    public static IReadOnlyList<ReportFile> Select(string? junit = null, string? json = null, string? sarif = null, string? html = null) =>
        [.. new[] { (JUnit, junit), (Json, json), (Sarif, sarif), (Html, html) }
            .Where(f => f.Item2 is not null)
            .Select(f => new ReportFile(f.Item1, f.Item2!))];

    /// <summary>Writes the report to <paramref name="path"/>, creating its directory.</summary>
    public static async Task WriteFileAsync(this IReportWriter writer, ReportDocument document, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(document);
        ReportFiles.CreateDirectoryFor(path);
        var stream = File.Create(path);
        await using (stream.ConfigureAwait(false))
        {
            await writer.WriteAsync(document, stream, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>UTF-8 without a byte order mark, as the text formats have always been written.</summary>
    internal static async Task WriteTextAsync(Stream stream, string text, CancellationToken cancellationToken) =>
        await stream.WriteAsync(new UTF8Encoding(false).GetBytes(text), cancellationToken).ConfigureAwait(false);
}
