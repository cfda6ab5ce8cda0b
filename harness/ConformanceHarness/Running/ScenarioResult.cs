using ConformanceHarness.Wire;

namespace ConformanceHarness.Running;

/// <summary>
/// The outcome of one scenario on one target, with the evidence. The texts that may quote a server (summary, expected,
/// actual, notes, finding) are made visible when set (<see cref="Wire.Transcript.VisibleText"/>): a reply's control bytes
/// reach no terminal and no report as raw bytes, whichever writer prints them.
/// </summary>
public sealed record ScenarioResult
{
    public required string ScenarioId { get; init; }

    public required string Target { get; init; }

    public required Verdict Verdict { get; init; }

    /// <summary>One sentence: what happened.</summary>
    public required string Summary { get; init => field = Wire.Transcript.VisibleText(value); }

    public string? Expected { get; init => field = Wire.Transcript.VisibleText(value); }

    public string? Actual { get; init => field = Wire.Transcript.VisibleText(value); }

    /// <summary>The line of the scenario file where the verdict was decided.</summary>
    public int? Line { get; init; }

    public IReadOnlyList<TranscriptEntry> Transcript { get; init; } = [];

    public TimeSpan Duration { get; init; }

    /// <summary>The target profile's note when this is a known, justified deviation.</summary>
    public string? Deviation { get; init; }

    /// <summary>Findings and observations gathered on the way (e.g. a tolerated fallback, what a recipient would see).</summary>
    public IReadOnlyList<string> Notes { get; init => field = [.. value.Select(n => Wire.Transcript.VisibleText(n))]; } = [];

    /// <summary>What a <c>FINDING</c> branch recorded (e.g. "accepted for relay"), or null when none was hit.</summary>
    public string? Finding { get; init => field = Wire.Transcript.VisibleText(value); }

    /// <summary>The finding was confirmed by a delivery oracle (<c>CONFIRM</c>): e.g. the relayed message really arrived.</summary>
    public bool Confirmed { get; init; }

    /// <summary>What about the server stopped this scenario (or was seen on the way), shared with other results (see <see cref="ResultCause"/>).</summary>
    public ResultCause? Cause { get; init; }

    /// <summary>For a result not graded because of <see cref="Cause"/>: the scenario that reports it.</summary>
    public string? CauseReportedBy { get; init; }

    public string RenderTranscript() => Wire.Transcript.Render(Transcript);
}
