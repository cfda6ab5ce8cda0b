using ConformanceHarness.Cli;
using ConformanceHarness.Reporting;
using ConformanceHarness.Tests.Fakes;
using ConformanceHarness.Tests.Reporting;

namespace ConformanceHarness.Tests.Cli;

/// <summary>
/// <c>--shard i/n</c> then <c>merge</c>, end to end through the CLI: <c>compare</c> over three fake servers (15 scenario ×
/// target pairs, so that the cut falls inside a target) run whole and as two shards; the shards are disjoint, the same on a
/// second run, and together the whole; <c>merge</c> of their JSON gives back the whole run's verdict in every cell, and a
/// self-contained HTML report.
/// </summary>
public sealed class ShardMergeFlowTests
{
    private TempCatalog catalog = null!;

    [SetUp]
    public void SetUp() => catalog = TempCatalog.Switchable();

    [TearDown]
    public void TearDown() => catalog.Dispose();

    private static async Task<ReportDocument> LoadAsync(string path) => await ReportDocument.LoadAsync(path, CancellationToken.None);

    private static List<(string Target, string Scenario, string Verdict)> Cells(ReportDocument document) =>
        [.. document.Results.Select(r => (r.Target, r.Scenario, r.Verdict))];

    [Test]
    public async Task Shards_SplitTheWorkDeterministically_AndMergeGivesTheWholeRunBack()
    {
        await using var correct = new FakeSmtpServer(new FakeSmtpOptions { SmtpUtf8 = true });
        await using var broken = new FakeSmtpServer(new FakeSmtpOptions { Faults = SmtpFault.RcptBeforeMailAccepted | SmtpFault.NoopRefused });
        await using var plain = new FakeSmtpServer(new FakeSmtpOptions { Faults = SmtpFault.DataBeforeRcptAccepted });
        var targets = new[] { correct, broken, plain }.Select(s => $"live:127.0.0.1:{s.Port}").ToArray();
        string[] Compare(params string[] options) =>
            ["compare", .. targets.SelectMany(t => new[] { "--target", t }), "--scenarios", catalog.Folder, "--timeout", "2", .. options];

        var whole = await CliRun.InvokeAsync(Compare("--json", catalog.Output("whole.json")));
        Assert.That(whole.ExitCode, Is.EqualTo(ExitCodes.Failures), whole.ToString());
        var wholeCells = Cells(await LoadAsync(catalog.Output("whole.json")));
        Assert.That(wholeCells, Has.Count.EqualTo(15));
        Assert.That(wholeCells.Select(c => c.Verdict).Distinct(), Is.SupersetOf(new[] { "pass", "fail", "skip" }));

        var shardCells = new List<List<(string Target, string Scenario, string Verdict)>>();
        foreach (var i in new[] { 1, 2 })
        {
            var shard = await CliRun.InvokeAsync(Compare("--shard", $"{i}/2", "--json", catalog.Output($"shard-{i}.json")));
            Assert.That(shard.ExitCode, Is.AnyOf(ExitCodes.Success, ExitCodes.Failures), shard.ToString());
            Assert.That(shard.Error, Does.Contain($"shard {i}/2: "));
            shardCells.Add(Cells(await LoadAsync(catalog.Output($"shard-{i}.json"))));
        }

        var pairs = shardCells.Select(s => s.Select(c => (c.Target, c.Scenario)).ToList()).ToList();
        Assert.That(pairs[0].Intersect(pairs[1]), Is.Empty, "disjoint");
        Assert.That(pairs[0].Concat(pairs[1]), Is.EqualTo(wholeCells.Select(c => (c.Target, c.Scenario))), "together, in order, the whole run's pairs");
        Assert.That(pairs.Select(p => p.Count), Is.EquivalentTo(new[] { 7, 8 }), "balanced");
        Assert.That(pairs[0].Select(p => p.Target).Intersect(pairs[1].Select(p => p.Target)), Is.EqualTo(new[] { targets[1] }), "the cut falls inside the second target");

        var again = await CliRun.InvokeAsync(Compare("--shard", "1/2", "--json", catalog.Output("shard-1-again.json")));
        Assert.That(again.ExitCode, Is.AnyOf(ExitCodes.Success, ExitCodes.Failures), again.ToString());
        Assert.That(Cells(await LoadAsync(catalog.Output("shard-1-again.json"))).Select(c => (c.Target, c.Scenario)), Is.EqualTo(pairs[0]), "the same split on a second run");

        var html = catalog.Output("merged.html");
        var merge = await CliRun.InvokeAsync("merge", catalog.Output("shard-1.json"), catalog.Output("shard-2.json"), "--json", catalog.Output("merged.json"), "--html", html);
        Assert.That(merge.ExitCode, Is.EqualTo(ExitCodes.Failures), "the merged results hold a Fail\n" + merge);
        Assert.That(merge.Out, Does.Contain("merged 2 report(s): 15 result(s) on 3 target(s)"));
        Assert.That(merge.Error, Does.Not.Contain("twice"), "no cell in both shards");
        Assert.That(merge.Out.TrimEnd().Split('\n')[^1].Trim(), Is.EqualTo($"HTML report: {Path.GetFullPath(html)}"), "the HTML path is the last line");

        var merged = await LoadAsync(catalog.Output("merged.json"));
        var wholeDocument = await LoadAsync(catalog.Output("whole.json"));
        Assert.That(Cells(merged), Is.EqualTo(wholeCells), "every cell's verdict, in the whole run's order");
        Assert.That(merged.Targets.Select(t => (t.Name, Summary: string.Join(",", t.Summary.OrderBy(s => s.Key).Select(s => $"{s.Key}={s.Value}")))),
            Is.EqualTo(wholeDocument.Targets.Select(t => (t.Name, Summary: string.Join(",", t.Summary.OrderBy(s => s.Key).Select(s => $"{s.Key}={s.Value}"))))));
        Assert.That(merged.Summary, Is.EquivalentTo(wholeDocument.Summary));
        Assert.That(ReportSchema.Validate(await File.ReadAllTextAsync(catalog.Output("merged.json"))), Is.Empty);

        var page = await File.ReadAllTextAsync(html);
        Assert.That(page, Does.StartWith("<!DOCTYPE html>").IgnoreCase);
        Assert.That(HtmlReportTests.SourceAttribute().Matches(page).Select(m => m.Value), Is.Empty, "self-contained: no src= or href= but data:");
        Assert.That(page, Does.Not.Contain("<link rel=\"stylesheet\"").And.Not.Contain("@import").And.Not.Contain("url(http"));
        var cells = HtmlReportTests.CellAttributes().Matches(page).Select(m => (Index: int.Parse(m.Groups[2].Value), Verdict: m.Groups[3].Value)).OrderBy(c => c.Index).ToList();
        Assert.That(cells.Select(c => c.Verdict), Is.EqualTo(wholeCells.Select(c => c.Verdict)), "one cell per result, with the whole run's verdict");
    }
}
