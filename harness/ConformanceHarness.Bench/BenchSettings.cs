namespace ConformanceHarness.Bench;

/// <summary>What the benchmark measures, from its command line.</summary>
internal sealed record BenchSettings
{
    public IReadOnlyList<string> Targets { get; init; } = ["container:postfix", "container:dovecot"];

    public int Concurrency { get; init; } = 4;

    public int Repeat { get; init; } = 5;

    public string? Scenarios { get; init; }

    public bool Cold { get; init; } = true;

    public bool Cli { get; init; } = true;

    /// <summary>The <c>process:</c> command for the CLI start-up figure; null picks aiosmtpd or the built-in server.</summary>
    public string? ProcessCommand { get; init; }

    public bool Verbose { get; init; }

    /// <summary>A file to append every measured run to (pass, side, target, scenario, start, duration), for the breakdown by hand.</summary>
    public string? Trace { get; init; }
}
