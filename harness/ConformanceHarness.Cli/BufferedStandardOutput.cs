using System.Text;

namespace ConformanceHarness.Cli;

/// <summary>
/// Standard output to a file or a pipe, in blocks. Spectre.Console's plain backend (no ANSI) writes every segment of a
/// line on its own, and the console's writer flushes every write: the 26 relay forms cost about 1 500 write calls, a
/// measurable part of a short run's system time. Installed, the output collects in one buffer that is flushed after each
/// group of lines (a progress line, so a log watched with <c>tail -f</c> still moves; see <see cref="Rendering.PlainProgress"/>),
/// when it is full, and at exit — also after Ctrl+C (the command returns), an unhandled exception, or SIGTERM (the
/// process-exit event). Standard error flushes it first (<see cref="OutputFirstWriter"/>), so a log that holds both
/// (<c>2&gt;&amp;1</c>) keeps their order. A terminal keeps the unbuffered console: the live display redraws in place.
/// </summary>
internal static class BufferedStandardOutput
{
    private const int BufferChars = 32 * 1024;

    /// <summary>Replaces <see cref="Console.Out"/> (and wraps <see cref="Console.Error"/>) when standard output is redirected.</summary>
    public static void Install()
    {
        if (!Console.IsOutputRedirected)
        {
            return;
        }

        var output = TextWriter.Synchronized(new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), BufferChars) { AutoFlush = false });
        Console.SetOut(output);
        Console.SetError(new OutputFirstWriter(Console.Error, output));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Flush();
        AppDomain.CurrentDomain.UnhandledException += (_, _) => Flush();
    }

    /// <summary>Writes out what standard output holds; never throws (a closed pipe at exit loses only the output).</summary>
    public static void Flush()
    {
        try
        {
            Console.Out.Flush();
        }
        catch (IOException)
        {
            // The reader went away (head, a closed pipe): nothing left to write to.
        }
    }
}
