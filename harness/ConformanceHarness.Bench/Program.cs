using System.Text;
using ConformanceHarness.Bench;

Console.OutputEncoding = Encoding.UTF8;
return await BenchApplication.InvokeAsync(args);
