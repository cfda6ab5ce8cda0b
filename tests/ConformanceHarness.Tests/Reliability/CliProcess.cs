using System.Collections.Concurrent;
using System.Diagnostics;

namespace ConformanceHarness.Tests.Reliability;

/// <summary>
/// The CLI as a user runs it: a real <c>dotnet conformance-harness.dll …</c> process (its pid is the owner label
/// on the containers it starts), its output collected line by line, and signals sent the way a terminal or an
/// OOM killer would (<c>kill -s INT|KILL</c>).
/// </summary>
internal sealed class CliProcess : IDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> lines = new();

    private CliProcess(Process process)
    {
        this.process = process;
    }

    public int Pid => process.Id;

    public string Output => string.Join('\n', lines);

    public static CliProcess Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = TestContext.CurrentContext.TestDirectory,
        };
        info.ArgumentList.Add(Path.Combine(TestContext.CurrentContext.TestDirectory, "conformance-harness.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var cli = new CliProcess(process);
        process.OutputDataReceived += (_, e) => cli.Add(e.Data);
        process.ErrorDataReceived += (_, e) => cli.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return cli;
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            lines.Enqueue(line);
        }
    }

    /// <summary>Waits until a line contains <paramref name="text"/>; fails with the output so far otherwise.</summary>
    public async Task WaitForLineAsync(string text, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (!lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            if (clock.Elapsed > within || process.HasExited)
            {
                Assert.Fail($"the CLI printed no line with '{text}' within {within.TotalSeconds:0}s (exited: {process.HasExited}). Output:\n{Output}");
            }

            await Task.Delay(50);
        }
    }

    public void Signal(string signal)
    {
        using var kill = Process.Start("kill", ["-s", signal, Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>Waits for the process to end; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"the CLI did not exit within {within.TotalSeconds:0}s. Output:\n{Output}");
        }

        return process.ExitCode;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
    }
}
