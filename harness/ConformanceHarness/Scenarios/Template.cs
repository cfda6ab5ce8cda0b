using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace ConformanceHarness.Scenarios;

/// <summary>
/// Expands <c>{{name}}</c> variables in a dialogue line. Escapes (<see cref="Unescape"/>) apply to the
/// scenario's literal text; variable values are inserted verbatim, so a captured value is never reinterpreted.
/// <c>{{md5:name}}</c> inserts the lower-case hex MD5 digest of the variable's UTF-8 value (RFC 1939 §7 APOP).
/// </summary>
public static partial class Template
{
    /// <summary>Renders to wire bytes. An unknown variable throws <see cref="UndefinedVariableException"/> naming it.</summary>
    public static byte[] RenderBytes(string template, IReadOnlyDictionary<string, string> variables)
    {
        var bytes = new List<byte>();
        var last = 0;
        foreach (Match match in Variable().Matches(template))
        {
            bytes.AddRange(Unescape.ToBytes(template[last..match.Index]));
            bytes.AddRange(Encoding.UTF8.GetBytes(Expand(match, variables)));
            last = match.Index + match.Length;
        }

        bytes.AddRange(Unescape.ToBytes(template[last..]));
        return [.. bytes];
    }

    /// <summary>Renders to text (for tokens, SET values): variables expanded, escapes left as written.</summary>
    public static string RenderText(string template, IReadOnlyDictionary<string, string> variables) =>
        Variable().Replace(template, match => Expand(match, variables));

    /// <summary>The variable names a template uses.</summary>
    public static IEnumerable<string> Names(string template) =>
        Variable().Matches(template).Select(m => m.Groups["name"].Value);

    private static string Expand(Match match, IReadOnlyDictionary<string, string> variables)
    {
        var value = Lookup(match.Groups["name"].Value, variables);
        // APOP's digest is MD5 by definition (RFC 1939 §7): the protocol, not a choice of ours.
#pragma warning disable CA5351
        return match.Groups["fn"].Success
            ? Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(value)))
            : value;
#pragma warning restore CA5351
    }

    private static string Lookup(string name, IReadOnlyDictionary<string, string> variables) =>
        variables.TryGetValue(name, out var value)
            ? value
            : throw new UndefinedVariableException($"variable '{{{{{name}}}}}' is not defined (profile variables: {string.Join(", ", variables.Keys.Order())})");

    [GeneratedRegex(@"\{\{\s*(?:(?<fn>md5):)?(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*\}\}")]
    private static partial Regex Variable();
}
