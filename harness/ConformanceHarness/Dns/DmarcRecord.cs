using System.Globalization;
using System.Text.RegularExpressions;

namespace ConformanceHarness.Dns;

/// <summary>
/// A DMARC record read as RFC 7489 §6.3/§6.4 define it: a tag list (<c>v=DMARC1; p=reject; rua=mailto:…</c>) whose first
/// tag is <c>v=DMARC1</c>. Parsing never throws; <see cref="Errors"/> lists what is malformed. The values of p, rua and
/// ruf are graded by their own checks, not here.
/// </summary>
public sealed partial record DmarcRecord(string Text, IReadOnlyList<KeyValuePair<string, string>> Tags, IReadOnlyList<string> Errors)
{
    private static readonly string[] KnownTags = ["v", "p", "sp", "adkim", "aspf", "pct", "fo", "rf", "ri", "rua", "ruf"];

    public bool IsValid => Errors.Count == 0;

    /// <summary>Tags §6.3 does not define; they MUST be ignored, so they are only noted.</summary>
    public IReadOnlyList<string> UnknownTags => Tags.Select(t => t.Key).Where(k => !KnownTags.Contains(k)).ToList();

    /// <summary>§6.6.3: a record counts only when its first tag is v=DMARC1.</summary>
    public bool StartsWithVersion => Tags.Count > 0 && Tags[0].Key == "v" && Tags[0].Value == "DMARC1";

    /// <summary>The value of a tag (names compared case-insensitively), or null.</summary>
    public string? Tag(string name) => Tags.FirstOrDefault(t => string.Equals(t.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>A TXT record that looks like a DMARC record at all: it has a v=DMARC1 tag, first or not.</summary>
    public static bool LooksLikeDmarc(string? text) => text is not null && VersionTag().IsMatch(text);

    public static DmarcRecord Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var errors = new List<string>();
        var tags = new List<KeyValuePair<string, string>>();
        var parts = text.Split(';');
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i].Trim(' ', '\t');
            if (part.Length == 0)
            {
                continue;
            }

            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? part : part[..equals].TrimEnd(' ', '\t');
            if (equals < 0 || !TagName().IsMatch(name))
            {
                errors.Add($"'{part}' is not a tag=value pair (tag names are a letter then letters, digits or '_')");
                continue;
            }

            var key = name.ToLowerInvariant();
            var value = part[(equals + 1)..].TrimStart(' ', '\t');
            if (tags.Any(t => t.Key == key))
            {
                // RFC 6376 §3.2 (the tag-list DMARC borrows): a duplicated tag name makes the whole list invalid.
                errors.Add($"the tag '{key}' appears more than once, which makes the whole tag list invalid");
                continue;
            }

            tags.Add(new(key, value));
        }

        var record = new DmarcRecord(text, tags, errors);
        if (tags.Count == 0 || tags[0].Key != "v")
        {
            errors.Add(record.Tag("v") is null ? "there is no v= tag; §6.3 requires v=DMARC1 as the first tag" : "v=DMARC1 is not the first tag; §6.3 requires it first, and receivers discard the record (§6.6.3)");
        }
        else if (tags[0].Value != "DMARC1")
        {
            errors.Add($"v={tags[0].Value}: the version must be exactly \"DMARC1\"");
        }

        foreach (var (key, value) in tags)
        {
            if (Validate(key, value) is { } problem)
            {
                errors.Add(problem);
            }
        }

        return record;
    }

    /// <summary>The policy names of p= and sp= (§6.3), compared case-insensitively.</summary>
    public static bool IsPolicy(string? value) => value?.ToLowerInvariant() is "none" or "quarantine" or "reject";

    private static string? Validate(string key, string value) => key switch
    {
        "sp" when !IsPolicy(value) => $"sp={value}: the subdomain policy must be none, quarantine or reject",
        "adkim" or "aspf" when value.ToLowerInvariant() is not ("r" or "s") => $"{key}={value}: alignment mode must be r (relaxed) or s (strict)",
        "pct" when !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var pct) || pct > 100 => $"pct={value}: must be an integer from 0 to 100",
        "fo" when !FailureOptions().IsMatch(value) => $"fo={value}: must be one or more of 0, 1, d, s separated by ':'",
        "rf" when !ReportFormats().IsMatch(value) => $"rf={value}: must be report format names separated by ':' (afrf)",
        "ri" when !uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _) => $"ri={value}: the report interval must be a 32-bit unsigned number of seconds",
        _ when value.Any(c => c < 0x20 || c > 0x7E) => $"{key}: the value holds a character that is not printable ASCII",
        _ => null,
    };

    [GeneratedRegex("(^|;)[ \\t]*v[ \\t]*=[ \\t]*DMARC1[ \\t]*(;|$)")]
    private static partial Regex VersionTag();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex TagName();

    [GeneratedRegex("^[01dsDS](?:[ \\t]*:[ \\t]*[01dsDS])*$")]
    private static partial Regex FailureOptions();

    [GeneratedRegex("^[A-Za-z0-9]+(?:[ \\t]*:[ \\t]*[A-Za-z0-9]+)*$")]
    private static partial Regex ReportFormats();
}
