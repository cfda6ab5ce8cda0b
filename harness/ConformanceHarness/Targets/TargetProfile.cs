namespace ConformanceHarness.Targets;

/// <summary>
/// One target, of any kind, in the one profile format (YAML): container, process or live.
/// Bundled profiles live in harness/targets/*.yaml.
/// </summary>
public sealed record TargetProfile
{
    public required string Name { get; init; }

    public string Title { get; init; } = string.Empty;

    /// <summary>container, process or live.</summary>
    public required string Kind { get; init; }

    /// <summary>A deliberately misconfigured control, built to fail some checks.</summary>
    public bool Control { get; init; }

    /// <summary>The catalogs that grade it (smtp, pop3).</summary>
    public IReadOnlyList<string> Protocols { get; init; } = ["smtp"];

    public ContainerSpec? Container { get; init; }

    /// <summary>process targets: the command line, with <c>{port}</c> (or <c>{port:role}</c>) for the free port(s).</summary>
    public string? Command { get; init; }

    /// <summary>live targets: the host to reach.</summary>
    public string? Host { get; init; }

    /// <summary>Port per role: smtp, submission, pop3, smtps, pop3s (container ports for containers).</summary>
    public IReadOnlyDictionary<string, int> Ports { get; init; } = new Dictionary<string, int>();

    public TestIdentity Identity { get; init; } = new();

    /// <summary>What the target supports by configuration (starttls, auth, sink, …), used by <c>requires:</c>.</summary>
    public IReadOnlyList<string> Features { get; init; } = [];

    public IReadOnlyList<Deviation> Deviations { get; init; } = [];

    /// <summary>
    /// <c>step_timeout: 20s</c>: the least step timeout this target is graded with (a server that tarpits its error
    /// replies by design, e.g. Courier's ~8 s, needs margin over the default 10 s). A longer one given by the user wins.
    /// </summary>
    public TimeSpan? StepTimeout { get; init; }

    /// <summary>
    /// <c>connections_per_address: 5</c>: the server serves at most this many connections at once from one client address
    /// (Courier's MAXPERIP). The harness never holds more from one address, and a container target on an engine on this
    /// machine is reached from several addresses (<see cref="RunningTarget.ClientRoutes"/>), each counted apart.
    /// </summary>
    public int? ConnectionsPerAddress { get; init; }

    /// <summary><c>concurrency: 8</c>: scenarios at once on this target when the user names no number (default 4).</summary>
    public int? Concurrency { get; init; }

    /// <summary>
    /// For controls: the scenarios (ids, or prefixes ending in <c>*</c>) this target was built to fail. The test suite
    /// asserts that they do fail, so a control that stops being wrong is noticed.
    /// </summary>
    public IReadOnlyList<string> MustFail { get; init; } = [];

    public string? Notes { get; init; }

    /// <summary>What the spec left out and the harness assumed, said once in the output (<c>live:nohost → port 25, the smtp default</c>).</summary>
    public string? Assumed { get; init; }

    /// <summary>Where the profile came from (file path), for messages.</summary>
    public string? Source { get; init; }
}
