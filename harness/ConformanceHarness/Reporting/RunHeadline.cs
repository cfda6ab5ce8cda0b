using System.Globalization;

namespace ConformanceHarness.Reporting;

/// <summary>
/// The one line that says how a run went, for the HTML header and the console: every Fail is counted (they describe the
/// servers); "foreseen" (a profile's recorded deviation, a control's must_fail) is shown as such and decides only
/// <see cref="Failed"/> — the exit code and the CI gate — never whether the fails are mentioned.
/// </summary>
public sealed record RunHeadline(int Fails, int Foreseen, int Errors, int LoadErrors)
{
    public static RunHeadline Of(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var fails = document.Results.Where(r => r.Verdict == DocumentVerdicts.Fail).ToList();
        return new RunHeadline(fails.Count, fails.Count(r => r.ExpectedFailure), document.Results.Count(r => r.Verdict == DocumentVerdicts.Error), document.LoadErrors.Count);
    }

    /// <summary>What makes the run exit 1: an unforeseen fail, an error, a file that did not load (as <see cref="ReportDocument.HasFailures"/>).</summary>
    public bool Failed => LoadErrors > 0 || Errors > 0 || Fails > Foreseen;

    /// <summary>Nothing at all failed or errored.</summary>
    public bool Clean => Fails == 0 && Errors == 0 && LoadErrors == 0;

    /// <summary>"nothing failed", "71 fail, all foreseen by the profiles", "the run failed: 3 fail (1 foreseen by the profiles), 2 error".</summary>
    public override string ToString()
    {
        if (Clean)
        {
            return "nothing failed";
        }

        var parts = new List<string>();
        if (Fails > 0)
        {
            parts.Add(Foreseen switch
            {
                0 => Count(Fails, "fail"),
                _ when Foreseen == Fails => $"{Count(Fails, "fail")}, all foreseen by the profiles",
                _ => $"{Count(Fails, "fail")} ({Foreseen.ToString(CultureInfo.InvariantCulture)} foreseen by the profiles)",
            });
        }

        if (Errors > 0)
        {
            parts.Add(Count(Errors, "error"));
        }

        if (LoadErrors > 0)
        {
            parts.Add(Count(LoadErrors, "scenario file not loaded"));
        }

        var text = string.Join(", ", parts);
        return Failed ? $"the run failed: {text}" : text;
    }

    private static string Count(int n, string what) => $"{n.ToString(CultureInfo.InvariantCulture)} {what}";
}
