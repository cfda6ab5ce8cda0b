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
    private readonly Process process;
    private readonly OutputTail output;

    private ProcessTarget(TargetProfile profile, IReadOnlyDictionary<string, RoleEndpoint> roles, Process process, OutputTail output)
        : base(profile, roles, live: false)
    {
        this.process = process;
        this.output = output;
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
        var target = new ProcessTarget(profile with { Command = expanded }, roles, process, output);
        try
        {
            foreach (var (role, endpoint) in roles)
            {
                await GreetingWait.WaitAsync(endpoint, role, readiness, () => process.HasExited ? $"'{expanded}' exited with code {process.ExitCode} before greeting on {endpoint}. Its output:\n{output.Text}" : null, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (TargetStartException e)
        {
            await target.DisposeAsync().ConfigureAwait(false);
            throw new TargetStartException($"{e.Message}{(e.Message.Contains("output", StringComparison.Ordinal) ? string.Empty : $"\nIts output:\n{output.Text}")}", e);
        }
        catch
        {
            await target.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return target;
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
                lines.Enqueue(line);
                while (lines.Count > 200)
                {
                    lines.Dequeue();
                }
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
