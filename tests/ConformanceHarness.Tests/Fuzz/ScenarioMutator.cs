using System.Text;

namespace ConformanceHarness.Tests.Fuzz;

/// <summary>
/// Mutates a valid scenario file the ways hands and tools break YAML: flipped bytes (decoded as File.ReadAllText
/// would), deleted, duplicated and re-indented lines, truncation, and random Unicode (controls, NUL, BOM, bidi,
/// astral and lone surrogate code points). Deterministic for a given <see cref="Random"/>.
/// </summary>
internal static class ScenarioMutator
{
    private static readonly string[] Oddities = ["\0", "\uFEFF", "\u202E", "\u00A0", "\t", "\r", "\n", "\u2028", "\uD83D\uDCE7", "\uD800", "\u0085", ":", "- ", "|", "{{", "}}", "&a", "*a", "!!binary", "#", "'", "\"", "[", "]", "{", "}", "%", "@", "`"];

    public static (string Text, string Kind) Mutate(string text, Random random)
    {
        var kind = random.Next(7);
        return kind switch
        {
            0 => (FlipBytes(text, random), "byte flip"),
            1 => (EditLines(text, random, (lines, i) => lines.RemoveAt(i)), "line deletion"),
            2 => (EditLines(text, random, (lines, i) => lines.Insert(i, lines[i])), "line duplication"),
            3 => (text[..random.Next(text.Length + 1)], "truncation"),
            4 => (EditLines(text, random, (lines, i) => lines[i] = Reindent(lines[i], random)), "indentation change"),
            5 => (InsertUnicode(text, random), "random unicode"),
            _ => (Mutate(Mutate(text, random).Text, random).Text, "two mutations"),
        };
    }

    private static string FlipBytes(string text, Random random)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length == 0)
        {
            return text;
        }

        for (var n = random.Next(1, 4); n > 0; n--)
        {
            bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
        }

        // What File.ReadAllText makes of invalid UTF-8: replacement characters, never an exception.
        return Encoding.UTF8.GetString(bytes);
    }

    private static string EditLines(string text, Random random, Action<List<string>, int> edit)
    {
        var lines = text.Split('\n').ToList();
        edit(lines, random.Next(lines.Count));
        return string.Join('\n', lines);
    }

    private static string Reindent(string line, Random random) => random.Next(4) switch
    {
        0 => line.TrimStart(' '),
        1 => new string(' ', random.Next(1, 9)) + line,
        2 => "\t" + line,
        _ => line.Length > 0 && line[0] == ' ' ? line[1..] : " " + line,
    };

    private static string InsertUnicode(string text, Random random)
    {
        var builder = new StringBuilder(text);
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            var insert = random.Next(3) switch
            {
                0 => Oddities[random.Next(Oddities.Length)],
                1 => char.ConvertFromUtf32(random.Next(0x20, 0xD7FF)),
                _ => char.ConvertFromUtf32(random.Next(0x10000, 0x10FFFF)),
            };
            builder.Insert(random.Next(builder.Length + 1), insert);
        }

        return builder.ToString();
    }
}
