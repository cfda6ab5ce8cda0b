namespace ConformanceHarness.Scenarios;

/// <summary>Keeps an error's line inside the file it names (YamlDotNet puts "unexpected end" one line past the last).</summary>
internal static class SourceLines
{
    public static int Within(long line, string text) => (int)Math.Clamp(line, 1, text.Count(c => c == '\n') + 1);
}
