namespace ConformanceHarness.Scenarios;

/// <summary>
/// One conformance or security check, loaded from one file under scenarios/.
/// The id is the file's path below the catalog root without extension, e.g. <c>smtp/rfc5321/4.1.4/rcpt-before-mail</c>.
/// </summary>
public sealed record Scenario
{
    public required string Id { get; init; }

    /// <summary>The file it was read from (for error messages and reports).</summary>
    public required string File { get; init; }

    public required string Title { get; init; }

    /// <summary>The rule it checks, e.g. "RFC 5321 §4.1.4".</summary>
    public required string Rule { get; init; }

    public required Level Level { get; init; }

    /// <summary>smtp or pop3: the first segment of the id.</summary>
    public required string Protocol { get; init; }

    /// <summary>The target role the first connection goes to: smtp, submission, pop3, smtps, pop3s.</summary>
    public required string Role { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Preconditions: advertised extensions (EHLO keywords / CAPA tags) or target features; unmet means Skip.</summary>
    public IReadOnlyList<string> Requires { get; init; } = [];

    /// <summary>Why the grading is what it is (tolerated fallbacks, differences between servers).</summary>
    public string? Why { get; init; }

    /// <summary>The requirement's words, quoted from the RFC.</summary>
    public string? Quote { get; init; }

    public required IReadOnlyList<Step> Steps { get; init; }

    /// <summary>The dialogue as written, for <c>explain</c>.</summary>
    public required string Dialogue { get; init; }
}
