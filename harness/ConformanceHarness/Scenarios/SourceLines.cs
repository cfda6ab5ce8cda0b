namespace ConformanceHarness.Scenarios;

/// <summary>Keeps an error's line inside the file it names (YamlDotNet puts "unexpected end" one line past the last).</summary>
internal static class SourceLines
{
    public static int Within(long line, string text) => (int)Math.Clamp(line, 1, text.Count(c => c == '\n') + 1);

    /// <summary>The first line (1-based) whose indentation holds a tab, or null: YAML indents with spaces only (YAML 1.2 §6.1).</summary>
    public static int? FirstTabIndented(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var indentation = lines[i][..(lines[i].Length - lines[i].TrimStart(' ', '\t').Length)];
            if (indentation.Contains('\t', StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        return null;
    }
}
