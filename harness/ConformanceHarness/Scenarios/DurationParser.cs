using System.Globalization;

namespace ConformanceHarness.Scenarios;

/// <summary>Durations as written in dialogues: <c>500ms</c>, <c>2s</c>, <c>1.5s</c>, <c>1m</c>.</summary>
public static class DurationParser
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = default;
        text = text.Trim();
        (string Suffix, double Scale)[] units = [("ms", 1), ("s", 1000), ("m", 60_000)];
        foreach (var (suffix, scale) in units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                && value >= 0 && value <= 3600)
            {
                duration = TimeSpan.FromMilliseconds(value * scale);
                return true;
            }
        }

        return false;
    }
}
