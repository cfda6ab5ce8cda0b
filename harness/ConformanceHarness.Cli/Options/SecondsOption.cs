using System.Globalization;
using ConformanceHarness.Wire;

namespace ConformanceHarness.Cli.Options;

/// <summary>
/// A duration flag given in seconds (<c>--timeout 2.5</c>), judged against the range of the option it sets (e.g.
/// <see cref="WireOptions.StepTimeoutRange"/>), so a bad value is a usage error naming the flag and the range in
/// the flag's own unit, and never reaches the option, which would refuse it.
/// </summary>
internal static class SecondsOption
{
    /// <summary>Null when <paramref name="seconds"/> is in <paramref name="range"/>; otherwise the one-line usage error.</summary>
    public static string? Problem(double seconds, DurationRange range, string flag) =>
        seconds >= range.Minimum.TotalSeconds && seconds <= range.Maximum.TotalSeconds
            ? null
            : $"{flag} must be from {Text(range.Minimum.TotalSeconds)} to {Text(range.Maximum.TotalSeconds)} seconds (got {Text(seconds)})";

    private static string Text(double seconds) => seconds.ToString(CultureInfo.InvariantCulture);
}
