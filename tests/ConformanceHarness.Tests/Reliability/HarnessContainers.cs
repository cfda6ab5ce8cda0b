using System.Diagnostics;
using ConformanceHarness.Containers;

namespace ConformanceHarness.Tests.Reliability;

/// <summary>The containers (and networks) the engine holds with the harness's owner label for one process id.</summary>
internal static class HarnessContainers
{
    public static async Task<IReadOnlyList<string>> OwnedByAsync(int pid)
    {
        var containers = await DockerAsync("ps", "-a", "-q", "--filter", $"label={DockerEngine.OwnerLabel}={pid}");
        var networks = await DockerAsync("network", "ls", "-q", "--filter", $"label={DockerEngine.OwnerLabel}={pid}");
        return [.. containers, .. networks.Select(n => $"network {n}")];
    }

    private static async Task<IReadOnlyList<string>> DockerAsync(params string[] args)
    {
        var info = new ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var docker = Process.Start(info) ?? throw new InvalidOperationException("docker did not start");
        var output = await docker.StandardOutput.ReadToEndAsync();
        await docker.WaitForExitAsync();
        Assert.That(docker.ExitCode, Is.Zero, $"docker {string.Join(' ', args)}: {await docker.StandardError.ReadToEndAsync()}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
