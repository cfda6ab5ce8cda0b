using ConformanceHarness.Wire;

namespace ConformanceHarness.Running;

/// <summary>The outcome of one scenario on one target, with the evidence.</summary>
public sealed record ScenarioResult
{
    public required string ScenarioId { get; init; }

    public required string Target { get; init; }

    public required Verdict Verdict { get; init; }

    /// <summary>One sentence: what happened.</summary>
    public required string Summary { get; init; }

    public string? Expected { get; init; }

    public string? Actual { get; init; }

    /// <summary>The line of the scenario file where the verdict was decided.</summary>
    public int? Line { get; init; }

    public IReadOnlyList<TranscriptEntry> Transcript { get; init; } = [];

    public TimeSpan Duration { get; init; }

    /// <summary>The target profile's note when this is a known, justified deviation.</summary>
    public string? Deviation { get; init; }

    /// <summary>Findings and observations gathered on the way (e.g. a tolerated fallback, what a recipient would see).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>What a <c>FINDING</c> branch recorded (e.g. "accepted for relay"), or null when none was hit.</summary>
    public string? Finding { get; init; }

    /// <summary>The finding was confirmed by a delivery oracle (<c>CONFIRM</c>): e.g. the relayed message really arrived.</summary>
    public bool Confirmed { get; init; }

    /// <summary>What about the server stopped this scenario (or was seen on the way), shared with other results (see <see cref="ResultCause"/>).</summary>
    public ResultCause? Cause { get; init; }

    /// <summary>For a result not graded because of <see cref="Cause"/>: the scenario that reports it.</summary>
    public string? CauseReportedBy { get; init; }

    public string RenderTranscript() => Wire.Transcript.Render(Transcript);
}
