using System.Text;
using ConformanceHarness.Cli;

// The verdict symbols (✓ ✗) and transcripts (⏎) are not ASCII.
ConformanceHarness.Diagnostics.PhaseTrace.Mark("main");
Console.OutputEncoding = Encoding.UTF8;
var exit = await CliApplication.InvokeAsync(args, CliHost.ForProcess());
ConformanceHarness.Diagnostics.PhaseTrace.Mark("exit");
return exit;
