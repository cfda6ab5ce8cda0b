using System.CommandLine;

namespace ConformanceHarness.Bench;

/// <summary>
/// <c>conformance-bench</c>: the benchmark (default), <c>soak</c>, and <c>serve-smtp</c> (a tiny loopback server
/// for the CLI start-up figure). Run with <c>dotnet run -c Release --project harness/ConformanceHarness.Bench -- …</c>.
/// </summary>
internal static class BenchApplication
{
    public static async Task<int> InvokeAsync(string[] args)
    {
        var targets = new Option<string[]>("--target", "-T") { Description = "A target spec as the CLI takes it (repeatable) [default: container:postfix container:dovecot]" };
        var concurrency = new Option<int>("--concurrency", "-j") { Description = "Scenarios at once per target (as the CLI's --concurrency)", DefaultValueFactory = _ => 4 };
        var repeat = new Option<int>("--repeat") { Description = "Measured passes (after one warm-up pass)", DefaultValueFactory = _ => 5 };
        var scenarios = new Option<string?>("--scenarios") { Description = "The scenario folder [default: the repository's scenarios/]" };
        var noCold = new Option<bool>("--no-cold") { Description = "Skip the cold start of every bundled target" };
        var noCli = new Option<bool>("--no-cli") { Description = "Skip the CLI start-to-first-verdict figure" };
        var process = new Option<string?>("--process-command") { Description = "The process: target for the CLI figure [default: aiosmtpd, else serve-smtp]" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Show the launcher's log" };
        var trace = new Option<string?>("--trace") { Description = "Append every measured run, harness and floor (pass, side, target, scenario, start ms, duration ms), to this TSV file" };
        var root = new RootCommand("Benchmark of the harness: the catalog on warm targets, against the raw-socket floor; CLI start-up; cold starts")
        {
            targets, concurrency, repeat, scenarios, noCold, noCli, process, verbose, trace,
        };
        root.SetAction((parse, cancellationToken) => Benchmark.RunAsync(
            new BenchSettings
            {
                Targets = parse.GetValue(targets) is { Length: > 0 } given ? given : new BenchSettings().Targets,
                Concurrency = parse.GetValue(concurrency),
                Repeat = Math.Max(1, parse.GetValue(repeat)),
                Scenarios = parse.GetValue(scenarios),
                Cold = !parse.GetValue(noCold),
                Cli = !parse.GetValue(noCli),
                ProcessCommand = parse.GetValue(process),
                Verbose = parse.GetValue(verbose),
                Trace = parse.GetValue(trace),
            },
            cancellationToken));

        var runs = new Option<int>("--runs") { Description = "Passes over the whole catalog", DefaultValueFactory = _ => 20 };
        var maxMinutes = new Option<double>("--max-minutes") { Description = "Stop after the pass that crosses this", DefaultValueFactory = _ => 30 };
        var soakTargets = new Option<string[]>("--target", "-T") { Description = "A target spec (repeatable) [default: every bundled target]" };
        var soak = new Command("soak", "Run the whole catalog on every bundled target N times; report scenarios whose verdict changed (exit 1 if any)")
        {
            runs, maxMinutes, soakTargets, concurrency, scenarios, verbose,
        };
        soak.SetAction((parse, cancellationToken) => Soak.RunAsync(
            parse.GetValue(soakTargets) ?? [],
            Math.Max(1, parse.GetValue(runs)),
            TimeSpan.FromMinutes(parse.GetValue(maxMinutes)),
            parse.GetValue(concurrency),
            parse.GetValue(scenarios),
            parse.GetValue(verbose),
            cancellationToken));
        root.Add(soak);

        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1", Required = true };
        var serve = new Command("serve-smtp", "A tiny SMTP server on loopback (the process: target when aiosmtpd is missing)") { port };
        serve.SetAction((parse, cancellationToken) => BenchSmtpServer.ServeAsync(parse.GetValue(port), cancellationToken));
        root.Add(serve);

        return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
    }
}
