using System.Text;

namespace ConformanceHarness.Cli;

/// <summary>
/// Standard error beside a buffered standard output (<see cref="BufferedStandardOutput"/>): before each write it flushes
/// the output, so an error, a load error or a log line is never printed ahead of the table or progress lines before it.
/// </summary>
public sealed class OutputFirstWriter : TextWriter
{
    private readonly TextWriter error;
    private readonly TextWriter output;

    public OutputFirstWriter(TextWriter error, TextWriter output)
    {
        this.error = error;
        this.output = output;
    }

    public override Encoding Encoding => error.Encoding;

    public override void Write(char value)
    {
        output.Flush();
        error.Write(value);
    }

    public override void Write(string? value)
    {
        output.Flush();
        error.Write(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        output.Flush();
        error.Write(buffer, index, count);
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        output.Flush();
        error.Write(buffer);
    }

    public override void WriteLine(string? value)
    {
        output.Flush();
        error.WriteLine(value);
    }

    public override void Flush() => error.Flush();
}
