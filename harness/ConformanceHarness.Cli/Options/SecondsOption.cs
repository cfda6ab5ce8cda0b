using System.CommandLine;
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
    /// <summary>
    /// A seconds flag that says what it expects when the value is not a number (System.CommandLine's own message names a
    /// .NET type: "expected type 'System.Nullable`1[System.Double]'"), and, given <paramref name="range"/>, the range.
    /// </summary>
    public static Option<double?> Create(string name, string description, DurationRange? range = null)
    {
        var option = new Option<double?>(name)
        {
            Description = description,
            HelpName = "SECONDS",
            CustomParser = result =>
            {
                var token = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
                if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds))
                {
                    return seconds;
                }

                result.AddError($"{name} expects a number of seconds, got '{token}'");
                return null;
            },
        };
        if (range is not null)
        {
            // Validators run even when a value did not convert; they only judge values that did (the parser reported the rest).
            option.Validators.Add(result =>
            {
                if (result.Tokens.Count != 1
                    || !double.TryParse(result.Tokens[0].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
                {
                    return;
                }

                if (Problem(seconds, range, name) is { } problem)
                {
                    result.AddError(problem);
                }
            });
        }

        return option;
    }

    /// <summary>Null when <paramref name="seconds"/> is in <paramref name="range"/>; otherwise the one-line usage error.</summary>
    public static string? Problem(double seconds, DurationRange range, string flag) =>
        seconds >= range.Minimum.TotalSeconds && seconds <= range.Maximum.TotalSeconds
            ? null
            : $"{flag} must be from {Text(range.Minimum.TotalSeconds)} to {Text(range.Maximum.TotalSeconds)} seconds (got {Text(seconds)})";

    private static string Text(double seconds) => seconds.ToString(CultureInfo.InvariantCulture);
}
