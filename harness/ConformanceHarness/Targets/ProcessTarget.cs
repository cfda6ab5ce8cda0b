using System.Diagnostics;
using System.Text.RegularExpressions;
using ConformanceHarness.Protocols;

namespace ConformanceHarness.Targets;

/// <summary>
/// A user's own server started as a local process: free ports substituted for <c>{port}</c> / <c>{port:ROLE}</c>,
/// ready when it greets, stopped with all its children on dispose (also on failure and Ctrl+C).
/// </summary>
public sealed partial class ProcessTarget : RunningTarget
{
    private readonly TimeSpan readiness;
    private readonly Lock gate = new();
    private Process process;
    private OutputTail output;
    private int run = 1;
    private ServerExit? exit;

    private ProcessTarget(TargetProfile profile, IReadOnlyDictionary<string, RoleEndpoint> roles, TimeSpan readiness)
        : base(profile, roles, live: false)
    {
        this.readiness = readiness;
        (process, output) = Launch(profile.Command!);
    }

    /// <summary>What the process printed last (for error messages).</summary>
    public string Output => output.Text;

    public static async Task<ProcessTarget> StartAsync(TargetProfile profile, TimeSpan readiness, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var command = profile.Command ?? throw new TargetSpecException($"target {profile.Name}: a process target needs a command");
        var roles = new Dictionary<string, RoleEndpoint>();
        var firstRole = profile.Ports.Keys.FirstOrDefault() ?? Role.Smtp.Name;
        foreach (var role in profile.Ports.Keys.DefaultIfEmpty(firstRole))
        {
            roles[role] = new RoleEndpoint("127.0.0.1", FreePort.Next(), RoleEndpoint.IsImplicitTlsRole(role));
        }

        var expanded = PortPlaceholder().Replace(command, m =>
        {
            var role = m.Groups[1].Success ? m.Groups[1].Value : firstRole;
            return roles.TryGetValue(role, out var endpoint)
                ? endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : throw new TargetSpecException($"the command names {{port:{role}}} but the profile has no '{role}' port");
        });

        var target = new ProcessTarget(profile with { Command = expanded }, roles, readiness);
        try
        {
            await target.WaitReadyAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await target.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return target;
    }

    /// <summary>The process has exited (the last lines it printed may still be on their way: see <see cref="ExitedWithinAsync"/>).</summary>
    public override ServerExit? Exited
    {
        get
        {
            lock (gate)
            {
                return process.HasExited ? exit ?? new ServerExit(process.ExitCode, output.Last(ServerExit.Lines), run) : null;
            }
        }
    }

    public override async Task<ServerExit?> ExitedWithinAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        Process current;
        lock (gate)
        {
            if (exit is not null)
            {
                return exit;
            }

            current = process;
        }

        // Waiting for the exit also waits for the redirected output to reach its end, so the last lines are complete.
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(current.HasExited ? TimeSpan.FromSeconds(2) : grace);
        try
        {
            await current.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }

        lock (gate)
        {
            if (current == process && current.HasExited)
            {
                exit ??= new ServerExit(current.ExitCode, output.Last(ServerExit.Lines), run);
            }

            return current == process ? exit : null;
        }
    }

    public override bool CanRestart => true;

    /// <summary>Starts the command again on the same ports and waits for its greeting, as at the start of the run.</summary>
    public override async Task RestartAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!process.HasExited)
            {
                return;
            }

            ChildProcesses.Forget(process);
            process.Dispose();
            (process, output) = Launch(Profile.Command!);
            run++;
            exit = null;
        }

        await WaitReadyAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        var command = Profile.Command;
        try
        {
            foreach (var (role, endpoint) in Roles)
            {
                await GreetingWait.WaitAsync(endpoint, role, readiness, () => process.HasExited ? $"'{command}' exited with code {process.ExitCode} before greeting on {endpoint}. Its output:\n{output.Text}" : null, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (TargetStartException e)
        {
            throw new TargetStartException($"{e.Message}{(e.Message.Contains("output", StringComparison.Ordinal) ? string.Empty : $"\nIts output:\n{output.Text}")}", e);
        }
    }

    private static (Process Process, OutputTail Output) Launch(string expanded)
    {
        var info = new ProcessStartInfo("/bin/sh", ["-c", $"exec {expanded}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (OperatingSystem.IsWindows())
        {
            info = new ProcessStartInfo("cmd.exe", ["/c", expanded]) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        }

        var output = new OutputTail();
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => output.Add(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            process.Dispose();
            throw new TargetStartException($"could not start '{expanded}': {e.Message}", e);
        }

        ChildProcesses.Track(process);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, output);
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
        }

        ChildProcesses.Forget(process);
        process.Dispose();
        await base.DisposeAsync().ConfigureAwait(false);
    }

    [GeneratedRegex(@"\{port(?::([a-z0-9]+))?\}")]
    private static partial Regex PortPlaceholder();

    /// <summary>Keeps the last lines a process printed.</summary>
    private sealed class OutputTail
    {
        private readonly Queue<string> lines = new();
        private readonly Lock gate = new();

        public void Add(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (gate)
            {
                // A server's output is data: its control bytes must not reach the terminal that prints a start error.
                lines.Enqueue(Wire.Transcript.VisibleText(line));
                while (lines.Count > 200)
                {
                    lines.Dequeue();
                }
            }
        }

        public IReadOnlyList<string> Last(int count)
        {
            lock (gate)
            {
                return [.. lines.TakeLast(count)];
            }
        }

        public string Text
        {
            get
            {
                lock (gate)
                {
                    return string.Join('\n', lines);
                }
            }
        }
    }
}
