namespace ConformanceHarness.Reporting;

/// <summary>A mail exchanger as the JSON report names it (<c>probe --domain</c>).</summary>
public sealed record DocumentExchanger(string Host, int Preference, bool Implicit, string Address);
