using ConformanceHarness.Wire;

namespace ConformanceHarness.Reporting;

/// <summary>
/// One wire line of a transcript in its visible form (see <see cref="Transcript.Visible"/>): what reports show.
/// A chunk holding several lines becomes several <see cref="TranscriptLine"/>s with the same time.
/// </summary>
public sealed record TranscriptLine(TimeSpan At, TranscriptDirection Direction, string Connection, string Text)
{
    public static IReadOnlyList<TranscriptLine> Of(IEnumerable<TranscriptEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var lines = new List<TranscriptLine>();
        foreach (var entry in entries)
        {
            if (entry.Direction == TranscriptDirection.Note)
            {
                lines.Add(new TranscriptLine(entry.At, entry.Direction, entry.Connection, System.Text.Encoding.UTF8.GetString(entry.Bytes)));
                continue;
            }

            foreach (var line in Transcript.SplitLines(entry.Bytes))
            {
                lines.Add(new TranscriptLine(entry.At, entry.Direction, entry.Connection, Transcript.Visible(line)));
            }
        }

        return lines;
    }
}
