using System.Text;
using ConformanceHarness.Cli;

// The verdict symbols (✓ ✗) and transcripts (⏎) are not ASCII.
Console.OutputEncoding = Encoding.UTF8;
return await CliApplication.InvokeAsync(args, CliHost.ForProcess());
