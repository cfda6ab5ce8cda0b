using System.Globalization;
using System.Text;

namespace ConformanceHarness.Scenarios;

/// <summary>
/// Escapes in sent text: <c>\r</c> (bare CR), <c>\n</c> (bare LF), <c>\0</c> (NUL), <c>\t</c>, <c>\xHH</c> (any byte), <c>\\</c>.
/// Escapes apply to the scenario's own text only; variable values are inserted verbatim (see <see cref="Template"/>).
/// </summary>
public static class Unescape
{
    /// <summary>Checks every escape at parse time so a bad one is reported with its line.</summary>
    public static string Validate(string text, int line)
    {
        try
        {
            _ = ToBytes(text);
        }
        catch (FormatException e)
        {
            throw new ScenarioFormatException(line, e.Message);
        }

        return text;
    }

    /// <summary>Turns text with escapes into the bytes to send (UTF-8 for everything else).</summary>
    public static byte[] ToBytes(string text)
    {
        var bytes = new List<byte>(text.Length + 2);
        var literal = new StringBuilder();
        void FlushLiteral()
        {
            if (literal.Length > 0)
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(literal.ToString()));
                literal.Clear();
            }
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\')
            {
                literal.Append(text[i]);
                continue;
            }

            if (i + 1 >= text.Length)
            {
                throw new FormatException("a lone '\\' ends the text: write '\\\\' for a backslash");
            }

            FlushLiteral();
            var next = text[++i];
            switch (next)
            {
                case 'r': bytes.Add((byte)'\r'); break;
                case 'n': bytes.Add((byte)'\n'); break;
                case '0': bytes.Add(0); break;
                case 't': bytes.Add((byte)'\t'); break;
                case '\\': bytes.Add((byte)'\\'); break;
                case 'x':
                    if (text.Length - i - 1 < 2
                        || !byte.TryParse(text.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value))
                    {
                        throw new FormatException($"'\\x' must be followed by two hex digits, at '{text[(i - 1)..]}'");
                    }

                    bytes.Add(value);
                    i += 2;
                    break;
                default:
                    throw new FormatException($"unknown escape '\\{next}': expected \\r, \\n, \\0, \\t, \\xHH or \\\\");
            }
        }

        FlushLiteral();
        return [.. bytes];
    }
}
