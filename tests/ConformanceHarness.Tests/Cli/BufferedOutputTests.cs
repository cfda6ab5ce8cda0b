using System.Text;
using ConformanceHarness.Cli;
using ConformanceHarness.Cli.Rendering;
using ConformanceHarness.Tests.Reporting;

namespace ConformanceHarness.Tests.Cli;

/// <summary>
/// Standard output to a file or a pipe is buffered (BufferedStandardOutput): a progress line still reaches the reader as it
/// is written, and standard error never overtakes the output written before it (a log with 2&gt;&amp;1).
/// </summary>
public sealed class BufferedOutputTests
{
    [Test]
    public void ErrorLine_AfterBufferedOutput_ComesAfterItInTheSharedLog()
    {
        using var log = new MemoryStream();
        using var output = new StreamWriter(log, new UTF8Encoding(false), 4096, leaveOpen: true) { AutoFlush = false };
        using var rawError = new StreamWriter(log, new UTF8Encoding(false), 4096, leaveOpen: true) { AutoFlush = true };
        using var error = new OutputFirstWriter(rawError, output);

        output.Write("the table\n");
        error.Write("error: something\n");
        error.WriteLine("a second error line");

        Assert.That(Encoding.UTF8.GetString(log.ToArray()), Is.EqualTo("the table\nerror: something\na second error line\n"));
    }

    [Test]
    public void ProgressLine_IsFlushedAsItIsWritten()
    {
        using var stream = new MemoryStream();
        using var output = new StreamWriter(stream, new UTF8Encoding(false), 64 * 1024, leaveOpen: true) { AutoFlush = false };
        var host = CliHost.ForWriters(output, TextWriter.Null);
        var entry = SampleReport.Build().Entries[0];
        var progress = new PlainProgress(host, 3);

        progress.TargetStarted("postfix", TimeSpan.FromSeconds(1.5));
        progress.ScenarioFinished(entry);

        var text = Encoding.UTF8.GetString(stream.ToArray());
        Assert.That(text, Does.Contain("target postfix is ready (1.5s)"));
        Assert.That(text, Does.Contain($"[1/3]").And.Contain(entry.Result.ScenarioId), "the line reached the stream without waiting for the 64 KB buffer or the exit");
    }
}
