using System.Text;
using ConformanceHarness.Bench;
using Spectre.Console;

Console.OutputEncoding = Encoding.UTF8;
if (Console.IsOutputRedirected)
{
    // A file or a pipe has no width; 80 columns would fold every line and figure.
    AnsiConsole.Profile.Width = 200;
}

return await BenchApplication.InvokeAsync(args);
