using System.Text.RegularExpressions;

namespace ConformanceHarness.Scenarios;

/// <summary>
/// What an <c>S:</c> line expects: preferred replies, optionally tolerated fallbacks (graded Warn),
/// and optionally a regex the reply text must match (named groups become variables).
/// Written as <c>S: 503 else 5xx /text regex/i</c>.
/// </summary>
public sealed record Expectation(IReadOnlyList<ReplyPattern> Preferred, IReadOnlyList<ReplyPattern> Tolerated, Regex? TextPattern, string Source)
{
    public override string ToString() => Source;
}
