using System.Globalization;

namespace ConformanceHarness.Wire;

/// <summary>
/// The durations an option accepts, both ends included, kept beside the option so the CLI, the scenario parser and the
/// option itself all quote the same bounds (as Polly keeps <c>[Range]</c> on its own options).
/// </summary>
public sealed record DurationRange(TimeSpan Minimum, TimeSpan Maximum)
{
    public bool Contains(TimeSpan value) => value >= Minimum && value <= Maximum;

    /// <summary><paramref name="value"/> when it is in range; otherwise an exception that names the option, the range and the value.</summary>
    public TimeSpan Check(TimeSpan value, string name) =>
        Contains(value) ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be {this} (got {Format(value)})");

    /// <summary>"from 10ms to 1h".</summary>
    public override string ToString() => $"from {Format(Minimum)} to {Format(Maximum)}";

    /// <summary>A duration as the scenario language writes it: <c>500ms</c>, <c>1.5s</c>, <c>2m</c>, <c>1h</c>.</summary>
    public static string Format(TimeSpan value) => value switch
    {
        _ when value.Duration() < TimeSpan.FromSeconds(1) => Number(value.TotalMilliseconds, "ms"),
        _ when value.Duration() < TimeSpan.FromMinutes(1) => Number(value.TotalSeconds, "s"),
        _ when value.Duration() < TimeSpan.FromHours(1) => Number(value.TotalMinutes, "m"),
        _ => Number(value.TotalHours, "h"),
    };

    private static string Number(double value, string unit) => value.ToString("0.###", CultureInfo.InvariantCulture) + unit;
}
