using System.Text.RegularExpressions;
using ConformanceHarness.Cli;
using ConformanceHarness.Reporting;
using ConformanceHarness.Tests.Fakes;

namespace ConformanceHarness.Tests.Cli;

/// <summary>
/// <c>--baseline</c> end to end, through the CLI: a scripted fake server (behind a profile, so that the target keeps its
/// name across runs) is run once for the baseline JSON, then changed so that one scenario newly fails, one is fixed and
/// one is newly skipped; the second run prints exactly those changes, and <c>--fail-on regressions</c> exits 1 only
/// while a new failure is among them.
/// </summary>
public sealed partial class BaselineFlowTests
{
    private const string Target = "my-server";

    /// <summary>The baseline: NOOP refused and DATA before RCPT accepted (two failures), SMTPUTF8 offered.</summary>
    private static readonly FakeSmtpOptions Before = new() { Faults = SmtpFault.NoopRefused | SmtpFault.DataBeforeRcptAccepted, SmtpUtf8 = true };

    /// <summary>RCPT before MAIL now accepted (new failure), NOOP answered (fixed), SMTPUTF8 gone (newly skipped), DATA still accepted (known).</summary>
    private static readonly FakeSmtpOptions Regressed = new() { Faults = SmtpFault.RcptBeforeMailAccepted | SmtpFault.DataBeforeRcptAccepted };

    /// <summary>As <see cref="Regressed"/> without the new failure: only the known failure is left.</summary>
    private static readonly FakeSmtpOptions KnownOnly = new() { Faults = SmtpFault.DataBeforeRcptAccepted };

    private TempCatalog catalog = null!;

    [SetUp]
    public void SetUp() => catalog = TempCatalog.Switchable();

    [TearDown]
    public void TearDown() => catalog.Dispose();

    /// <summary>Starts a fake with <paramref name="fake"/>'s behaviour, points the profile at it, and runs the CLI's <c>run</c> on it.</summary>
    private async Task<CliRun> RunAsync(FakeSmtpOptions fake, params string[] options)
    {
        await using var server = new FakeSmtpServer(fake);
        var profile = Path.Combine(catalog.Folder, "my-server.yaml");
        await File.WriteAllTextAsync(profile, $"name: {Target}\nkind: live\nhost: 127.0.0.1\nprotocols: [smtp]\nports: {{ smtp: {server.Port} }}\n");
        return await CliRun.InvokeAsync(["run", "--target", $"profile:{profile}", "--scenarios", catalog.Folder, "--timeout", "2", .. options]);
    }

    private static async Task<Dictionary<string, string>> VerdictsAsync(string json) =>
        (await ReportDocument.LoadAsync(json, CancellationToken.None)).Results.ToDictionary(r => r.Scenario, r => r.Verdict);

    [Test]
    public async Task Baseline_ReportsNewFailureFixedAndNewlySkipped_AndFailOnRegressions_GatesOnlyOnTheNewFailure()
    {
        var baseJson = catalog.Output("base.json");
        var first = await RunAsync(Before, "--json", baseJson);
        Assert.That(first.ExitCode, Is.EqualTo(ExitCodes.Failures), first.ToString());
        Assert.That(await VerdictsAsync(baseJson), Is.EquivalentTo(new Dictionary<string, string>
        {
            [TempCatalog.FlowGreeting] = "pass",
            [TempCatalog.FlowRcptBeforeMail] = "pass",
            [TempCatalog.FlowNoop] = "fail",
            [TempCatalog.FlowSmtpUtf8] = "pass",
            [TempCatalog.FlowDataBeforeRcpt] = "fail",
        }), "the baseline as intended");

        // A regression among the changes: exit 1, and the delta names each change under its heading.
        var nowJson = catalog.Output("now.json");
        var regressed = await RunAsync(Regressed, "--baseline", baseJson, "--fail-on", "regressions", "--json", nowJson);
        Assert.That(regressed.ExitCode, Is.EqualTo(ExitCodes.Failures), regressed.ToString());
        var printed = Delta.Parse(regressed.Out);
        var expected = new Dictionary<string, string[]>
        {
            ["new failures"] = [TempCatalog.FlowRcptBeforeMail],
            ["fixed"] = [TempCatalog.FlowNoop],
            ["newly skipped"] = [TempCatalog.FlowSmtpUtf8],
        };
        Assert.That(printed.Sections, Is.EquivalentTo(expected), regressed.ToString());
        Assert.That(printed.Counts, Is.EqualTo(new Dictionary<string, int>
        {
            ["new failures"] = 1, ["fixed"] = 1, ["newly skipped"] = 1, ["changed"] = 0, ["no longer run"] = 0, ["unchanged"] = 2,
        }));
        Assert.That(printed.Moves[TempCatalog.FlowRcptBeforeMail], Is.EqualTo("pass → fail"));
        Assert.That(printed.Moves[TempCatalog.FlowNoop], Is.EqualTo("fail → pass"));
        Assert.That(printed.Moves[TempCatalog.FlowSmtpUtf8], Is.EqualTo("pass → skip"));
        var afterProgress = regressed.Out[regressed.Out.IndexOf("Against the baseline ", StringComparison.Ordinal)..];
        Assert.That(afterProgress, Does.Not.Contain(TempCatalog.FlowGreeting).And.Not.Contain(TempCatalog.FlowDataBeforeRcpt), "past the progress lines, only what changed");
        Assert.That(regressed.Out, Does.Not.Contain("│"), "no results table");

        // The JSON of the second run is the full run, and diffing the two files gives what was printed.
        var diff = BaselineDiff.Compare(await ReportDocument.LoadAsync(baseJson, CancellationToken.None), await ReportDocument.LoadAsync(nowJson, CancellationToken.None));
        Assert.That(diff.Items.Where(i => i.Change != BaselineChange.Unchanged).ToDictionary(i => i.Scenario, i => i.Change), Is.EquivalentTo(new Dictionary<string, BaselineChange>
        {
            [TempCatalog.FlowRcptBeforeMail] = BaselineChange.NewFailure,
            [TempCatalog.FlowNoop] = BaselineChange.Fixed,
            [TempCatalog.FlowSmtpUtf8] = BaselineChange.NewlySkipped,
        }));
        Assert.That(diff.Items.Select(i => i.Target).Distinct(), Is.EqualTo(new[] { Target }));

        // Only the known failure left: --fail-on regressions passes the build, the default gate (any Fail) does not.
        var known = await RunAsync(KnownOnly, "--baseline", baseJson, "--fail-on", "regressions");
        Assert.That(known.ExitCode, Is.EqualTo(ExitCodes.Success), known.ToString());
        var knownDelta = Delta.Parse(known.Out);
        Assert.That(knownDelta.Sections.Keys, Is.EquivalentTo(new[] { "fixed", "newly skipped" }), known.ToString());
        Assert.That(known.Out, Does.Contain("no regressions against the baseline"));

        var anyFail = await RunAsync(KnownOnly, "--baseline", baseJson);
        Assert.That(anyFail.ExitCode, Is.EqualTo(ExitCodes.Failures), "without --fail-on regressions the known failure still fails the run\n" + anyFail);
        Assert.That(Delta.Parse(anyFail.Out).Sections, Is.EquivalentTo(knownDelta.Sections));
    }

    [Test]
    public async Task FailOnRegressions_WithoutABaseline_IsAUsageError()
    {
        var run = await RunAsync(KnownOnly, "--fail-on", "regressions");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.Error, Does.Contain("--fail-on regressions needs --baseline"));
    }

    /// <summary>What <c>--baseline</c> printed: the counts line, and each section's scenarios with their move (before → after).</summary>
    private sealed record Delta(Dictionary<string, int> Counts, Dictionary<string, string[]> Sections, Dictionary<string, string> Moves)
    {
        private static readonly string[] Headings = ["new failures", "fixed", "newly skipped", "changed", "no longer run"];

        public static Delta Parse(string output)
        {
            var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
            var countsLine = lines.Single(l => l.StartsWith("Against the baseline ", StringComparison.Ordinal));
            var counts = CountPattern().Matches(countsLine).ToDictionary(m => m.Groups[2].Value, m => int.Parse(m.Groups[1].Value));
            var sections = new Dictionary<string, List<string>>();
            var moves = new Dictionary<string, string>();
            List<string>? current = null;
            foreach (var line in lines.SkipWhile(l => l != countsLine).Skip(1))
            {
                if (Headings.Contains(line))
                {
                    sections[line] = current = [];
                }
                else if (current is not null && ItemPattern().Match(line) is { Success: true } item)
                {
                    current.Add(item.Groups["scenario"].Value);
                    moves[item.Groups["scenario"].Value] = item.Groups["move"].Value;
                }
            }

            return new Delta(counts, sections.ToDictionary(s => s.Key, s => s.Value.ToArray()), moves);
        }
    }

    [GeneratedRegex(@"(\d+) (new failures|fixed|newly skipped|changed|no longer run|unchanged)")]
    private static partial Regex CountPattern();

    [GeneratedRegex(@"^  (?<scenario>\S+) @ (?<target>\S+)  (?<move>.+? → (?:\(not run\)|\S+)(?: \(expected\))?)")]
    private static partial Regex ItemPattern();
}
