using System.Collections.Concurrent;
using System.Diagnostics;

namespace ConformanceHarness.Targets;

/// <summary>
/// Every process the harness started, killed with its children when the harness exits
/// (normal exit, Ctrl+C, or an unhandled exception), so no server is left behind.
/// </summary>
public static class ChildProcesses
{
    private static readonly ConcurrentDictionary<int, Process> Live = new();
    private static int hooked;

    public static void Track(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (Interlocked.Exchange(ref hooked, 1) == 0)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
            AppDomain.CurrentDomain.UnhandledException += (_, _) => KillAll();
        }

        Live[process.Id] = process;
    }

    public static void Forget(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        try
        {
            Live.TryRemove(process.Id, out _);
        }
        catch (InvalidOperationException)
        {
        }
    }

    public static void KillAll()
    {
        foreach (var process in Live.Values)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
            }
        }

        Live.Clear();
    }
}
