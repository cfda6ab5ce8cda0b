using System.CommandLine;
using ConformanceHarness.Cli.Execution;

namespace ConformanceHarness.Cli.Options;

/// <summary>The report files and gates beyond JUnit and JSON: <c>--html --sarif --baseline --fail-on --shard</c>.</summary>
internal sealed class ReportOptions
{
    public Option<string?> Html { get; } = new("--html") { Description = "Write the self-contained HTML report (matrix, scorecards, transcripts) to FILE", HelpName = "FILE" };

    public Option<string?> Sarif { get; } = new("--sarif") { Description = "Write a SARIF 2.1.0 report (for code-scanning dashboards) to FILE", HelpName = "FILE" };

    public Option<string?> Baseline { get; } = new("--baseline") { Description = "An earlier JSON report: print only what changed (new failures, fixed, newly skipped)", HelpName = "FILE" };

    public Option<string> FailOn { get; } = new("--fail-on")
    {
        Description = "What makes the exit code 1: any Fail or Error (any), or only new failures against --baseline (regressions)",
        HelpName = "any|regressions",
        DefaultValueFactory = _ => "any",
    };

    public Option<string?> Shard { get; } = new("--shard") { Description = "Run only part i of n of the scenario × target pairs (merge the JSON reports with `merge`)", HelpName = "i/n" };

    public ReportOptions()
    {
        FailOn.AcceptOnlyFromAmong("any", "regressions");
        Shard.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1)
            {
                try
                {
                    Execution.Shard.Parse(result.Tokens[0].Value);
                }
                catch (FormatException e)
                {
                    result.AddError(e.Message);
                }
            }
        });
    }

    public void AddTo(Command command, bool shard = true)
    {
        command.Add(Html);
        command.Add(Sarif);
        command.Add(Baseline);
        command.Add(FailOn);
        if (shard)
        {
            command.Add(Shard);
        }
    }

    public ReportSettings Read(ParseResult parse)
    {
        var failOn = parse.GetValue(FailOn) ?? "any";
        var baseline = parse.GetValue(Baseline);
        if (failOn == "regressions" && baseline is null)
        {
            throw new UsageException("--fail-on regressions needs --baseline FILE (the report the regressions are counted against)");
        }

        var shard = parse.GetResult(Shard) is null ? null : parse.GetValue(Shard);
        return new ReportSettings
        {
            HtmlPath = parse.GetValue(Html),
            SarifPath = parse.GetValue(Sarif),
            BaselinePath = baseline,
            FailOnRegressionsOnly = failOn == "regressions",
            Shard = shard is null ? null : Execution.Shard.Parse(shard),
        };
    }
}

/// <summary>What <see cref="ReportOptions"/> read.</summary>
internal sealed record ReportSettings
{
    public string? HtmlPath { get; init; }

    public string? SarifPath { get; init; }

    public string? BaselinePath { get; init; }

    public bool FailOnRegressionsOnly { get; init; }

    public Shard? Shard { get; init; }
}
