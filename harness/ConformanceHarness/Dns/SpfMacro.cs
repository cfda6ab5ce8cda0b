using System.Text.RegularExpressions;

namespace ConformanceHarness.Dns;

/// <summary>RFC 7208 §7.1: macro-strings and domain-specs (<c>%{i}._spf.%{d}</c>, <c>_spf.example.test</c>).</summary>
internal static partial class SpfMacro
{
    /// <summary>macro-string = *( macro-expand / macro-literal ).</summary>
    public static bool IsMacroString(string value, out string? problem) => Scan(value, out _, out problem);

    /// <summary>domain-spec = macro-string domain-end; domain-end = ( "." toplabel [ "." ] ) / macro-expand.</summary>
    public static bool IsDomainSpec(string value, out string? problem)
    {
        if (value.Length == 0)
        {
            problem = "the domain is empty";
            return false;
        }

        if (!Scan(value, out var endsWithMacro, out problem))
        {
            return false;
        }

        if (endsWithMacro)
        {
            return true;
        }

        var name = value.EndsWith('.') ? value[..^1] : value;
        var dot = name.LastIndexOf('.');
        if (dot < 0 || !TopLabel().IsMatch(name[(dot + 1)..]))
        {
            problem = $"'{value}' does not end in a top-level label (\".\" toplabel) or a macro; a domain needs at least one dot";
            return false;
        }

        if (name.Split('.').Any(l => l.Length > 63))
        {
            problem = $"'{value}' has a label over 63 octets";
            return false;
        }

        return true;
    }

    private static bool Scan(string value, out bool endsWithMacro, out string? problem)
    {
        endsWithMacro = false;
        problem = null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            endsWithMacro = false;
            if (c != '%')
            {
                // macro-literal = %x21-24 / %x26-7E
                if (c < 0x21 || c > 0x7E)
                {
                    problem = $"'{value}' holds a character that is not printable ASCII";
                    return false;
                }

                continue;
            }

            if (i + 1 >= value.Length)
            {
                problem = $"'{value}' ends in a lone '%' (write %% for a percent sign)";
                return false;
            }

            var next = value[i + 1];
            if (next is '%' or '_' or '-')
            {
                i++;
                endsWithMacro = true;
                continue;
            }

            var close = next == '{' ? value.IndexOf('}', i) : -1;
            if (close < 0 || !MacroBody().IsMatch(value[(i + 2)..close]))
            {
                problem = $"'{value}' has a malformed macro at '{value[i..Math.Min(value.Length, i + 8)]}' (expected %{{letter[digits][r][delimiters]}}, %%, %_ or %-)";
                return false;
            }

            i = close;
            endsWithMacro = true;
        }

        return true;
    }

    // macro-letter transformers *delimiter: letter in s l o d i p h c r t v; transformers = *DIGIT [ "r" ].
    [GeneratedRegex("^[slodiphcrtvSLODIPHCRTV][0-9]*[rR]?[.\\-+,/_=]*$")]
    private static partial Regex MacroBody();

    // toplabel = ( *alphanum ALPHA *alphanum ) / ( 1*alphanum "-" *( alphanum / "-" ) alphanum )
    [GeneratedRegex("^(?:[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*|[A-Za-z0-9]+-[A-Za-z0-9-]*[A-Za-z0-9])$")]
    private static partial Regex TopLabel();
}
