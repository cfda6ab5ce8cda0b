namespace ConformanceHarness.Reporting;

/// <summary>A mail exchanger as a report names it: the MX host, its preference (0 for an implicit MX), the address probed.</summary>
public sealed record ReportExchanger(string Host, int Preference, bool Implicit, string Address);
