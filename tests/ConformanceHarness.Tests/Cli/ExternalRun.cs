using System.Diagnostics;

namespace ConformanceHarness.Tests.Cli;

/// <summary>Runs a program (dotnet, the installed tool, run.ps1) to its end as a user would, and keeps what it printed.</summary>
internal static class ExternalRun
{
    /// <summary>
    /// Runs <paramref name="program"/> in <paramref name="workingDirectory"/> with a width for tables, no dotnet banners and no
    /// catalog variable; one that runs past <paramref name="limit"/> is killed and the test fails.
    /// </summary>
    public static async Task<CliRun> RunAsync(string program, IEnumerable<string> args, string workingDirectory, TimeSpan limit)
    {
        var info = new ProcessStartInfo(program, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        info.Environment["COLUMNS"] = "220";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        info.Environment.Remove("CONFORMANCE_HARNESS_SCENARIOS");
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timer = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timer.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', args)} did not finish within {limit.TotalMinutes} min");
        }

        return new CliRun(process.ExitCode, await output, await error);
    }
}
