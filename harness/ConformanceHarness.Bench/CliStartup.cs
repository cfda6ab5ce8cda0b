using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ConformanceHarness.Bench;

/// <summary>
/// Times the real CLI as a user starts it: a fresh <c>dotnet conformance-harness.dll run --target process:…</c>
/// process, from <see cref="Process.Start()"/> to the first per-scenario verdict line on its standard output.
/// </summary>
internal static partial class CliStartup
{
    public sealed record Outcome(TimeSpan FirstVerdict, TimeSpan? TargetReady, TimeSpan Exit, int ExitCode, string FirstLine);

    public static async Task<Outcome> MeasureAsync(string cliDll, string targetCommand, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { cliDll, "run", "--target", $"process:{targetCommand}" })
        {
            info.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
        var first = new TaskCompletionSource<(TimeSpan, string)>(TaskCreationOptions.RunContinuationsAsynchronously);
        TimeSpan? ready = null;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                first.TrySetException(new InvalidOperationException("the CLI printed no verdict"));
                return;
            }

            var line = e.Data;
            var readyMatch = ReadyLine().Match(line);
            if (readyMatch.Success)
            {
                ready = TimeSpan.FromSeconds(double.Parse(readyMatch.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            }

            if (VerdictLine().IsMatch(line))
            {
                first.TrySetResult((clock.Elapsed, line.Trim()));
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var (firstVerdict, firstLine) = await first.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(120), cancellationToken).ConfigureAwait(false);
            return new Outcome(firstVerdict, ready, clock.Elapsed, process.ExitCode, firstLine);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>The plain progress line of a finished scenario: <c>[ 1/65] ✓ pass id @ target 12 ms</c>.</summary>
    [GeneratedRegex(@"^\[\s*\d+/\d+\]\s")]
    private static partial Regex VerdictLine();

    [GeneratedRegex(@"^target .* is ready \((\d+(?:\.\d+)?)s\)")]
    private static partial Regex ReadyLine();
}
