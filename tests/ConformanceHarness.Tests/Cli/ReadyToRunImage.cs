using System.Reflection.PortableExecutable;

namespace ConformanceHarness.Tests.Cli;

/// <summary>Tells a ReadyToRun assembly (precompiled native code beside its IL) from an IL-only one, by its PE headers.</summary>
internal static class ReadyToRunImage
{
    /// <summary>
    /// True when the assembly's CLI header points at a ReadyToRun header (the managed native header directory that
    /// crossgen fills); an IL-only assembly, whose methods the JIT compiles at run time, leaves it empty.
    /// </summary>
    public static bool HasNativeCode(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new PEReader(stream);
        return reader.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }
}
