using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace ConformanceHarness.Dns;

/// <summary>
/// An SPF record read term by term against RFC 7208's ABNF (§4.6.1, §5, §6, §7.1). Parsing never throws: every problem
/// is a line in <see cref="Errors"/>, and any error makes the record a "permerror" (§4.6).
/// </summary>
public sealed partial record SpfRecord(string Text, IReadOnlyList<SpfTerm> Terms, IReadOnlyList<string> Errors)
{
    private const string Version = "v=spf1";

    public bool IsValid => Errors.Count == 0;

    /// <summary>The first <c>all</c> mechanism; mechanisms after it are never tested (§5.1).</summary>
    public SpfTerm? All => Terms.FirstOrDefault(t => !t.IsModifier && t.Name == "all");

    public SpfTerm? Redirect => Terms.FirstOrDefault(t => t.IsModifier && t.Name == "redirect");

    /// <summary>§4.5: a TXT record is an SPF record when it begins with exactly "v=spf1", followed by a space or nothing.</summary>
    public static bool IsSpf(string? text) =>
        text is not null && text.StartsWith(Version, StringComparison.OrdinalIgnoreCase) && (text.Length == Version.Length || text[Version.Length] == ' ');

    public static SpfRecord Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var errors = new List<string>();
        var terms = new List<SpfTerm>();
        if (!IsSpf(text))
        {
            return new SpfRecord(text, terms, ["the record does not begin with \"v=spf1\" followed by a space"]);
        }

        if (text.Any(c => c != ' ' && (c < 0x21 || c > 0x7E)))
        {
            errors.Add("the record holds a character other than a space or printable ASCII (terms are separated by spaces only)");
        }

        foreach (var token in text[Version.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var term = ModifierName().Match(token) is { Success: true } modifier
                ? ParseModifier(token, modifier.Groups[1].Value.ToLowerInvariant(), token[(modifier.Length)..], errors)
                : ParseDirective(token, errors);
            if (term is not null)
            {
                terms.Add(term);
            }
        }

        // §6: "redirect" and "exp" MUST NOT appear in a record more than once each.
        foreach (var name in new[] { "redirect", "exp" })
        {
            var count = terms.Count(t => t.IsModifier && t.Name == name);
            if (count > 1)
            {
                errors.Add($"the {name}= modifier appears {count} times; §6 allows it once");
            }
        }

        return new SpfRecord(text, terms, errors);
    }

    private static SpfTerm? ParseModifier(string token, string name, string value, List<string> errors)
    {
        if (name is "redirect" or "exp")
        {
            if (!SpfMacro.IsDomainSpec(value, out var problem))
            {
                errors.Add($"'{token}': {problem}");
            }

            return new SpfTerm(token, name, IsModifier: true) { DomainSpec = value };
        }

        // §6: unknown modifiers are ignored, but their value must still be a macro-string.
        if (!SpfMacro.IsMacroString(value, out var macroProblem))
        {
            errors.Add($"'{token}': {macroProblem}");
        }

        return new SpfTerm(token, name, IsModifier: true) { Value = value };
    }

    private static SpfTerm? ParseDirective(string token, List<string> errors)
    {
        var qualifier = token[0] is '+' or '-' or '~' or '?' ? token[0] : '+';
        var body = token[0] is '+' or '-' or '~' or '?' ? token[1..] : token;
        var end = body.IndexOfAny([':', '/']);
        var name = (end < 0 ? body : body[..end]).ToLowerInvariant();
        var rest = end < 0 ? string.Empty : body[end..];
        var term = new SpfTerm(token, name, IsModifier: false) { Qualifier = qualifier };
        switch (name)
        {
            case "all":
                if (rest.Length > 0)
                {
                    errors.Add($"'{token}': all takes no argument");
                }

                return term;
            case "include" or "exists":
                if (!rest.StartsWith(':'))
                {
                    errors.Add($"'{token}': {name} needs ':' and a domain");
                    return term;
                }

                CheckDomainSpec(token, rest[1..], errors);
                return term with { DomainSpec = rest[1..] };
            case "ptr":
                if (rest.Length == 0)
                {
                    return term;
                }

                if (!rest.StartsWith(':'))
                {
                    errors.Add($"'{token}': ptr takes only ':' and a domain");
                    return term;
                }

                CheckDomainSpec(token, rest[1..], errors);
                return term with { DomainSpec = rest[1..] };
            case "a" or "mx":
                var match = DualCidr().Match(rest);
                var spec = match.Groups["spec"].Value;
                var cidr = match.Groups["cidr"].Value;
                CheckDualCidr(token, match, errors);
                if (spec.Length > 0)
                {
                    if (!spec.StartsWith(':'))
                    {
                        errors.Add($"'{token}': expected {name}, {name}:domain or a CIDR length");
                        return term;
                    }

                    CheckDomainSpec(token, spec[1..], errors);
                }

                return term with { DomainSpec = spec.Length > 0 ? spec[1..] : null, Cidr = cidr.Length > 0 ? cidr : null };
            case "ip4" or "ip6":
                return ParseNetwork(token, term, rest, name == "ip4" ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6, errors);
            default:
                // §5: an unknown mechanism name is a syntax error (permerror), not something to skip.
                errors.Add($"'{token}': '{name}' is not an SPF mechanism (all, include, a, mx, ptr, ip4, ip6, exists) nor a name=value modifier");
                return term;
        }
    }

    private static SpfTerm ParseNetwork(string token, SpfTerm term, string rest, AddressFamily family, List<string> errors)
    {
        var max = family == AddressFamily.InterNetwork ? 32 : 128;
        if (!rest.StartsWith(':'))
        {
            errors.Add($"'{token}': {term.Name} needs ':' and a network");
            return term;
        }

        var network = rest[1..];
        string? cidr = null;
        var slash = network.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            cidr = network[slash..];
            network = network[..slash];
            if (!IsCidrLength(cidr[1..], max))
            {
                errors.Add($"'{token}': the prefix length '{cidr}' must be 0 to {max}, without leading zeros");
            }
        }

        var ok = IPAddress.TryParse(network, out var address) && address.AddressFamily == family
            && (family != AddressFamily.InterNetwork || Ip4Dotted().IsMatch(network));
        if (!ok)
        {
            errors.Add($"'{token}': '{network}' is not {(family == AddressFamily.InterNetwork ? "a dotted-quad IPv4 address" : "an IPv6 address")}");
        }

        return term with { Value = network, Cidr = cidr };
    }

    private static void CheckDualCidr(string token, Match match, List<string> errors)
    {
        if (match.Groups["v4"].Success && !IsCidrLength(match.Groups["v4"].Value, 32))
        {
            errors.Add($"'{token}': the IPv4 prefix length /{match.Groups["v4"].Value} must be 0 to 32, without leading zeros");
        }

        if (match.Groups["v6"].Success && !IsCidrLength(match.Groups["v6"].Value, 128))
        {
            errors.Add($"'{token}': the IPv6 prefix length //{match.Groups["v6"].Value} must be 0 to 128, without leading zeros");
        }
    }

    private static void CheckDomainSpec(string token, string spec, List<string> errors)
    {
        if (!SpfMacro.IsDomainSpec(spec, out var problem))
        {
            errors.Add($"'{token}': {problem}");
        }
    }

    private static bool IsCidrLength(string digits, int max) =>
        digits.Length > 0 && (digits == "0" || digits[0] != '0')
        && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var length) && length <= max;

    // §6: name = ALPHA *( ALPHA / DIGIT / "-" / "_" / "." ), then "=".
    [GeneratedRegex("^([A-Za-z][A-Za-z0-9_.-]*)=")]
    private static partial Regex ModifierName();

    // a and mx: [ ":" domain-spec ] [ ip4-cidr-length ] [ "/" ip6-cidr-length ]; the CIDR lengths are taken from the end.
    [GeneratedRegex("^(?<spec>.*?)(?<cidr>(?:/(?<v4>[0-9]+))?(?://(?<v6>[0-9]+))?)$")]
    private static partial Regex DualCidr();

    [GeneratedRegex("^[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}$")]
    private static partial Regex Ip4Dotted();
}
