using System.Diagnostics;
using System.Globalization;

namespace ConformanceHarness.Diagnostics;

/// <summary>
/// Where a short run's time goes: with <c>CONFORMANCE_HARNESS_TRACE=1</c>, every <see cref="Mark"/> writes
/// <c>trace: +NNN ms (since process start) phase  [jit: N methods, M ms; A MB allocated]</c> to standard error: the
/// JIT's running totals tell a phase that computes from one that compiles what ReadyToRun could not pregenerate, and the
/// bytes allocated one that makes the kernel hand out (and zero) fresh pages. Off, a mark costs
/// one static field read.
/// </summary>
public static class PhaseTrace
{
    public const string EnvironmentVariable = "CONFORMANCE_HARNESS_TRACE";

    private static readonly bool Enabled = Environment.GetEnvironmentVariable(EnvironmentVariable) == "1";

    // The process's start, read once when tracing: the runtime's own start-up before Main is part of the figure.
    private static readonly DateTime Start = Enabled ? Process.GetCurrentProcess().StartTime : default;

    public static void Mark(string phase)
    {
        if (Enabled)
        {
            var elapsed = (DateTime.Now - Start).TotalMilliseconds;
            var jitted = System.Runtime.JitInfo.GetCompiledMethodCount();
            var jitTime = System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds;
            var allocated = GC.GetTotalAllocatedBytes() / 1048576.0;
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trace: +{elapsed,5:0} ms {phase}  [jit: {jitted} methods, {jitTime:0} ms; {allocated:0.0} MB allocated]"));
        }
    }
}
