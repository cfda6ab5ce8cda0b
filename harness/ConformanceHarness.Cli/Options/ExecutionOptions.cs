using System.CommandLine;
using ConformanceHarness.Cli.Execution;
using ConformanceHarness.Running;
using ConformanceHarness.Targets;
using ConformanceHarness.Wire;

namespace ConformanceHarness.Cli.Options;

/// <summary>How scenarios run and where results go: <c>--timeout --concurrency --engine --junit --json --verbose</c>.</summary>
internal sealed class ExecutionOptions
{
    public Option<double?> Timeout { get; } = SecondsOption.Create("--timeout", "Seconds one protocol step (one reply, one TLS handshake) may take [default: 10]", WireOptions.StepTimeoutRange);

    public Option<double?> StartTimeout { get; } = SecondsOption.Create(
        "--start-timeout", "Seconds a process: target may take to greet, or a live: server to greet the first contact [default: 30]", TargetLauncher.StartTimeoutRange);

    public Option<bool> RestartOnExit { get; } = new("--restart-on-exit")
    {
        Description = "Start a process: target again when it exits mid-run (the exit is still reported once); without it, the scenarios after the exit are not run",
    };

    public Option<int?> Concurrency { get; } = new("--concurrency", "-j")
    {
        Description = "Scenarios run at once per target, per client address where a profile spreads them (connections_per_address) [default: the profile's concurrency, else 4; 1 for live: targets, to be polite]",
        HelpName = "N",
    };

    public Option<string?> Engine { get; } = new("--engine")
    {
        Description = "The Docker engine for container targets, in place of DOCKER_HOST: unix:///path/docker.sock, tcp://HOST:2375 (TLS: DOCKER_TLS_VERIFY, DOCKER_CERT_PATH)",
        HelpName = "URL",
    };

    public Option<string?> JUnit { get; } = new("--junit") { Description = "Write a JUnit XML report to FILE", HelpName = "FILE" };

    public Option<string?> Json { get; } = new("--json") { Description = "Write the JSON report (schema conformance-harness/report/v1) to FILE", HelpName = "FILE" };

    public Option<bool> Verbose { get; } = new("--verbose", "-v") { Description = "Show the details and transcript of every result, not only of failures" };

    public Option<bool> NoData { get; } = new("--no-data")
    {
        Description = "Never send DATA or BDAT: a transaction is reset and the session ended where the dialogue would send a message (relay forms are judged at RCPT, as by `probe`, without its delays)",
    };

    public ExecutionOptions()
    {
        // Validators run even when a value did not convert; they only judge values that did (System.CommandLine reports the rest).
        Engine.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1)
            {
                try
                {
                    _ = Containers.EngineEndpoint.Parse(result.Tokens[0].Value);
                }
                catch (Containers.EngineUnavailableException e)
                {
                    result.AddError($"--engine: {e.Message}");
                }
            }
        });
        Concurrency.Validators.Add(result =>
        {
            if (Number(result) is { } n && (n < 1 || n > 64 || n != Math.Floor(n)))
            {
                result.AddError($"--concurrency must be a whole number from 1 to 64 (got {result.Tokens[0].Value})");
            }
        });
    }

    private static double? Number(System.CommandLine.Parsing.OptionResult result) =>
        result.Tokens.Count == 1 && double.TryParse(result.Tokens[0].Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    public void AddTo(Command command)
    {
        command.Add(Timeout);
        command.Add(StartTimeout);
        command.Add(RestartOnExit);
        command.Add(Concurrency);
        command.Add(Engine);
        command.Add(JUnit);
        command.Add(Json);
        command.Add(Verbose);
        command.Add(NoData);
    }

    public ExecutionSettings Read(ParseResult parse)
    {
        var options = new RunOptions();
        if (parse.GetValue(Timeout) is { } seconds)
        {
            options = options.WithStepTimeout(TimeSpan.FromSeconds(seconds));
        }

        if (parse.GetValue(NoData))
        {
            // Polite mode's guard on the written bytes, with no pause: RCPT is the last command a message gets to.
            options = options with { Polite = new PoliteMode { Delay = TimeSpan.Zero, GreetingTimeout = options.Wire.StepTimeout } };
        }

        options = options with { RestartOnExit = parse.GetValue(RestartOnExit) };

        return new ExecutionSettings
        {
            Options = options,
            Concurrency = parse.GetValue(Concurrency),
            JUnitPath = parse.GetValue(JUnit),
            JsonPath = parse.GetValue(Json),
            Verbose = parse.GetValue(Verbose),
            Engine = parse.GetValue(Engine),

            StartTimeout = parse.GetValue(StartTimeout) is { } start ? TimeSpan.FromSeconds(start) : TimeSpan.FromSeconds(30),
        };
    }
}
