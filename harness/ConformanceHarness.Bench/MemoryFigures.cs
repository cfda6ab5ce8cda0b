using System.Diagnostics;

namespace ConformanceHarness.Bench;

/// <summary>What the process used: peak working set (the kernel's high-water mark), the GC heap, open descriptors.</summary>
internal static class MemoryFigures
{
    public static long PeakWorkingSet()
    {
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return self.PeakWorkingSet64;
    }

    public static long WorkingSet()
    {
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return self.WorkingSet64;
    }

    /// <summary>Open file descriptors (sockets included), on Linux; -1 elsewhere.</summary>
    public static int OpenDescriptors() => Directory.Exists("/proc/self/fd") ? Directory.GetFiles("/proc/self/fd").Length : -1;

    public static string Megabytes(long bytes) => $"{bytes / 1024.0 / 1024.0:0.0} MB";
}
