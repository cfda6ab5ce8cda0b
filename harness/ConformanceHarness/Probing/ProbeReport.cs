using ConformanceHarness.Reporting;

namespace ConformanceHarness.Probing;

/// <summary>What a probe did and found: every result with its transcript, the relay counts, and every endpoint it contacted.</summary>
public sealed record ProbeReport(IReadOnlyList<ReportEntry> Entries, RelaySummary Relay, IReadOnlyList<string> Contacted, bool DataAllowed)
{
    /// <summary>One sentence for the report: whom the probe talked to, and whether it sent any message at all.</summary>
    public string Scope =>
        $"contacted only {string.Join(", ", Contacted)}; " +
        (DataAllowed ? "DATA only for transactions whose every recipient was the --confirm-to address" : "no DATA sent (relay forms stopped at RCPT, then RSET and QUIT)");
}
