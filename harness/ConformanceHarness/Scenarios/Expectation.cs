using System.Text.RegularExpressions;

namespace ConformanceHarness.Scenarios;

/// <summary>
/// What an <c>S:</c> line expects: preferred replies, optionally tolerated fallbacks (graded Warn),
/// and optionally a regex the reply text must match (named groups become variables).
/// Written as <c>S: 503 else 5xx /text regex/i</c>.
/// With a <see cref="Finding"/> branch (<c>S: 5xx | 45x FINDING 2xx: accepted for relay</c>) the preferred reply means the
/// rule held and the dialogue ends there (Pass); the finding's reply records the finding and the dialogue goes on to confirm it.
/// </summary>
public sealed record Expectation(IReadOnlyList<ReplyPattern> Preferred, IReadOnlyList<ReplyPattern> Tolerated, Regex? TextPattern, string Source, FindingBranch? Finding = null)
{
    public override string ToString() => Source;
}

/// <summary>
/// <c>FINDING 2xx: what it means</c> after an <c>S:</c> expectation: a reply that is a (security) finding rather than a
/// broken expectation. The finding is graded by the scenario's level; the steps after it only confirm it.
/// </summary>
public sealed record FindingBranch(IReadOnlyList<ReplyPattern> Patterns, string Description);
