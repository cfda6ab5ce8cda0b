using System.Text;
using ConformanceHarness.Cli;

// The verdict symbols (✓ ✗) and transcripts (⏎) are not ASCII.
ConformanceHarness.Diagnostics.PhaseTrace.Mark("main");
Console.OutputEncoding = Encoding.UTF8;
BufferedStandardOutput.Install();
try
{
    return await CliApplication.InvokeAsync(args, CliHost.ForProcess());
}
finally
{
    BufferedStandardOutput.Flush();
    ConformanceHarness.Diagnostics.PhaseTrace.Mark("exit");
}
