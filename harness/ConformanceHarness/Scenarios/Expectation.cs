using System.Text.RegularExpressions;

namespace ConformanceHarness.Scenarios;

/// <summary>
/// What an <c>S:</c> line expects: preferred replies, optionally tolerated fallbacks (graded Warn),
/// and optionally a regex the reply text must match (named groups become variables).
/// Written as <c>S: 503 else 5xx /text regex/i</c>.
/// With a <see cref="Finding"/> branch (<c>S: 5xx | 45x FINDING 2xx: accepted for relay</c>) the preferred reply means the
/// rule held and the dialogue ends there (Pass); the finding's reply records the finding and the dialogue goes on to confirm it.
/// The other branches say what a reply other than the preferred one means for the question the dialogue asks:
/// <see cref="Held"/> (the rule held before the question: Pass, stop), <see cref="Inconclusive"/> (the question can no
/// longer be asked: Inconclusive, stop) and <see cref="Benign"/> (a harmless explanation of a later finding, e.g. a
/// catch-all: an unconfirmed finding is then Info).
/// </summary>
public sealed record Expectation(IReadOnlyList<ReplyPattern> Preferred, IReadOnlyList<ReplyPattern> Tolerated, Regex? TextPattern, string Source, ReplyBranch? Finding = null)
{
    /// <summary><c>HELD 530: why</c>: this reply already answers the question the way the rule wants (Pass, the dialogue ends).</summary>
    public ReplyBranch? Held { get; init; }

    /// <summary><c>INCONCLUSIVE 5xx: why</c>: this reply means the question will never be asked (Inconclusive, the dialogue ends).</summary>
    public ReplyBranch? Inconclusive { get; init; }

    /// <summary><c>BENIGN 2xx: explanation</c>: this reply explains a later unconfirmed finding away (it becomes Info).</summary>
    public ReplyBranch? Benign { get; init; }

    /// <summary>Every branch pattern: a reply that matches one of them is an answer the scenario foresaw.</summary>
    public IEnumerable<ReplyPattern> BranchPatterns =>
        new[] { Finding, Held, Inconclusive, Benign }.Where(b => b is not null).SelectMany(b => b!.Patterns);

    public override string ToString() => Source;
}
