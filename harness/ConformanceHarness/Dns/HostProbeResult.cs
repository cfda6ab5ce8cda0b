using System.Net;
using ConformanceHarness.Running;

namespace ConformanceHarness.Dns;

/// <summary>What the per-host probe returned for one address of one exchanger.</summary>
public sealed record HostProbeResult(Exchanger Exchanger, IPAddress Address, IReadOnlyList<ScenarioResult> Results);
