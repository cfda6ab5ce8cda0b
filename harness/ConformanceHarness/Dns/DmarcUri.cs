using System.Text.RegularExpressions;

namespace ConformanceHarness.Dns;

/// <summary>
/// One DMARC reporting URI (RFC 7489 §6.2, §6.4): <c>dmarc-uri = URI [ "!" 1*DIGIT [ "k" / "m" / "g" / "t" ] ]</c>;
/// <see cref="MailDomain"/> is the domain of a mailto: address, where reports go.
/// </summary>
public sealed partial record DmarcUri(string Text, string? Scheme, string? MailDomain, string? Problem)
{
    public bool IsMailto => Scheme == "mailto";

    /// <summary>The comma-separated list of rua= or ruf=.</summary>
    public static IReadOnlyList<DmarcUri> ParseList(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Split(',').Select(u => Parse(u.Trim(' ', '\t'))).ToList();
    }

    public static DmarcUri Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return new DmarcUri(text, null, null, "an empty entry in the URI list");
        }

        var match = SizeSuffix().Match(text);
        var uri = match.Groups["uri"].Value;
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || uri.Any(char.IsWhiteSpace))
        {
            return new DmarcUri(text, null, null, $"'{text}' is not an absolute URI (a bare address needs 'mailto:' in front)");
        }

        var scheme = parsed.Scheme.ToLowerInvariant();
        if (scheme != "mailto")
        {
            return new DmarcUri(text, scheme, null, null);
        }

        var address = Mailbox().Match(uri);
        return address.Success
            ? new DmarcUri(text, scheme, DomainName.Normalize(address.Groups["domain"].Value), null)
            : new DmarcUri(text, scheme, null, $"'{text}' is a mailto: URI without a local-part@domain address");
    }

    [GeneratedRegex("^(?<uri>.*?)(?:!(?<size>[0-9]+)(?<unit>[kmgtKMGT])?)?$")]
    private static partial Regex SizeSuffix();

    [GeneratedRegex("^mailto:[^@\\s?]+@(?<domain>[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(?:\\?.*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Mailbox();
}
