using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace ConformanceHarness.Smtp;

/// <summary>RFC 3463 enhanced status code <c>class.subject.detail</c>, e.g. 5.7.1.</summary>
public sealed partial record EnhancedStatusCode(int Class, int Subject, int Detail)
{
    public override string ToString() => $"{Class}.{Subject}.{Detail}";

    /// <summary>Reads a code at the start of reply text (RFC 3463 §2: class 2, 4 or 5; subject and detail 0–999).</summary>
    public static bool TryParsePrefix(string text, [NotNullWhen(true)] out EnhancedStatusCode? code)
    {
        var match = Pattern().Match(text);
        if (match.Success)
        {
            code = new EnhancedStatusCode(
                int.Parse(match.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(match.Groups[2].ValueSpan, System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(match.Groups[3].ValueSpan, System.Globalization.CultureInfo.InvariantCulture));
            return true;
        }

        code = null;
        return false;
    }

    [GeneratedRegex(@"^([245])\.(\d{1,3})\.(\d{1,3})(?=\s|$)")]
    private static partial Regex Pattern();
}
