using ConformanceHarness.Reporting;
using ConformanceHarness.Running;
using Spectre.Console;

namespace ConformanceHarness.Cli.Rendering;

/// <summary>
/// The evidence under the table: for each Fail, Error and Warn (each result with <c>--verbose</c>) the rule,
/// expected vs actual, the scenario line, notes, and the transcript (always for Fail and Error).
/// </summary>
public static class ResultDetails
{
    public static bool Shows(ScenarioResult result, bool verbose) =>
        verbose || result.Verdict is Verdict.Fail or Verdict.Error or Verdict.Warn;

    public static void Write(IAnsiConsole console, ReportEntry entry, bool verbose)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(entry);
        var (scenario, result) = (entry.Scenario, entry.Result);
        console.WriteLine();
        console.Write(new Rule($"{VerdictStyle.Markup(result.Verdict)} {Markup.Escape(scenario.Id)} [grey]@[/] {Markup.Escape(result.Target)}").LeftJustified());
        Field(console, "title", scenario.Title);
        Field(console, "rule", $"{scenario.Rule} ({VerdictNames.Of(scenario.Level)})");
        Field(console, "summary", result.Summary);
        Field(console, "expected", result.Expected);
        Field(console, "actual", result.Actual);
        Field(console, "at", result.Line is { } line ? $"{scenario.File}:{line}" : null);
        Field(console, "deviation", result.Deviation);
        foreach (var note in result.Notes)
        {
            Field(console, "note", note);
        }

        // A DNS check (dns/…) sends nothing on a mail connection: its evidence is in the summary, not in a transcript.
        var dns = scenario.Protocol == "dns" && result.Transcript.Count == 0;
        if ((verbose || result.Verdict is Verdict.Fail or Verdict.Error) && !dns)
        {
            console.MarkupLine("  [grey]transcript:[/]");
            console.Write(TranscriptView.Render(result.Transcript));
        }
    }

    private static void Field(IAnsiConsole console, string name, string? value)
    {
        if (value is not null)
        {
            console.MarkupLine($"  [grey]{name + ":",-10}[/] {Markup.Escape(value)}");
        }
    }
}
