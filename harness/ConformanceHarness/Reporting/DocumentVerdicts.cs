namespace ConformanceHarness.Reporting;

/// <summary>The verdict names of the JSON report, in verdict order.</summary>
public static class DocumentVerdicts
{
    public const string Pass = "pass";
    public const string Fail = "fail";
    public const string Warn = "warn";
    public const string Info = "info";
    public const string Skip = "skip";
    public const string Inconclusive = "inconclusive";
    public const string Error = "error";

    public static readonly IReadOnlyList<string> All = [Pass, Fail, Warn, Info, Skip, Inconclusive, Error];
}
