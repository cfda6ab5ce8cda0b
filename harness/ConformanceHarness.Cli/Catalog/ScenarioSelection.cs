using ConformanceHarness.Scenarios;

namespace ConformanceHarness.Cli.Catalog;

/// <summary>
/// Which scenarios a command works on: every <c>--select</c> is an id prefix, every <c>--tag</c> a tag, every
/// <c>--level</c> a level. Within one kind any value matches; across kinds all must (prefix AND tag AND level).
/// </summary>
public sealed record ScenarioSelection
{
    public IReadOnlyList<string> Prefixes { get; init; } = [];

    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyList<Level> Levels { get; init; } = [];

    public bool IsEverything => Prefixes.Count == 0 && Tags.Count == 0 && Levels.Count == 0;

    public bool Matches(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return (Prefixes.Count == 0 || Prefixes.Any(p => scenario.Id.StartsWith(Normalize(p), StringComparison.Ordinal)))
            && (Tags.Count == 0 || Tags.Any(t => scenario.Tags.Contains(t, StringComparer.OrdinalIgnoreCase)))
            && (Levels.Count == 0 || Levels.Contains(scenario.Level));
    }

    public IReadOnlyList<Scenario> Apply(IEnumerable<Scenario> scenarios) => scenarios.Where(Matches).ToList();

    /// <summary>
    /// Whether a catalog file whose ids start with <paramref name="fileId"/> (its path without .yaml / .table.yaml) can
    /// hold a selected scenario: with prefixes, only files under one of them (or above it, for a table) need reading.
    /// </summary>
    public bool MayHold(string fileId)
    {
        ArgumentNullException.ThrowIfNull(fileId);
        return Prefixes.Count == 0 || Prefixes.Select(Normalize).Any(p => fileId.StartsWith(p, StringComparison.Ordinal) || p.StartsWith(fileId, StringComparison.Ordinal));
    }

    /// <summary>
    /// Whether a catalog file with this text can hold a scenario with one of the selected tags (any, without --tag): the
    /// tag must appear in it as a word of its own, so a <c>--tag relay</c> run parses the 35 files that say "relay", not
    /// all 126. A tag in a YAML list (<c>[a, relay]</c>, <c>- relay</c>, quoted) is always bounded by YAML punctuation or
    /// space; a tag written through YAML escapes (<c>"rel\x61y"</c>) would be missed, and no catalog file does that
    /// (the catalog tests prove this filter selects the same for every tag of the catalog).
    /// </summary>
    public bool MayHoldText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Tags.Count == 0 || Tags.Any(tag => HasWord(text, tag));
    }

    private static bool HasWord(string text, string word)
    {
        for (var at = text.IndexOf(word, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + word.Length;
            if ((at == 0 || !IsTagCharacter(text[at - 1])) && (end == text.Length || !IsTagCharacter(text[end])))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsTagCharacter(char c) => char.IsLetterOrDigit(c) || c is '-' or '_' or '.';

    /// <summary>"--select smtp/rfc5321 --tag relay", for messages about an empty selection.</summary>
    public override string ToString() => IsEverything
        ? "the whole catalog"
        : string.Join(' ', Prefixes.Select(p => $"--select {p}")
            .Concat(Tags.Select(t => $"--tag {t}"))
            .Concat(Levels.Select(l => $"--level {l.ToString().ToLowerInvariant()}")));

    /// <summary>
    /// A path pasted from the file system selects the same as its id: scenarios/smtp/x.yaml, ./scenarios/smtp/x.yaml and
    /// /home/me/repo/scenarios/smtp/x.yaml all select smtp/x (everything up to the last "scenarios/" folder is dropped).
    /// </summary>
    private static string Normalize(string prefix)
    {
        var id = prefix.Replace('\\', '/');
        while (id.StartsWith("./", StringComparison.Ordinal))
        {
            id = id[2..];
        }

        var folder = id.StartsWith("scenarios/", StringComparison.Ordinal) ? 0 : id.LastIndexOf("/scenarios/", StringComparison.Ordinal) is var slash and >= 0 ? slash + 1 : -1;
        if (folder >= 0)
        {
            id = id[(folder + "scenarios/".Length)..];
        }

        foreach (var extension in new[] { ".table.yaml", ".yaml" })
        {
            if (id.EndsWith(extension, StringComparison.Ordinal))
            {
                id = id[..^extension.Length];
            }
        }

        return id;
    }
}
