using System.Text.Json.Nodes;
using ConformanceHarness.Cli.Execution;
using ConformanceHarness.Reporting;
using ConformanceHarness.Targets;

namespace ConformanceHarness.Tests.Reporting;

/// <summary><c>--shard i/n</c> splits the plan without overlap or loss; <c>merge</c> of the shards' reports gives the whole back.</summary>
public sealed class ShardMergeTests
{
    private static IReadOnlyList<TargetPlan> Plans()
    {
        var smtp = Enumerable.Range(0, 7).Select(i => SampleReport.Scenario($"smtp/s{i}")).ToList();
        var pop3 = Enumerable.Range(0, 4).Select(i => SampleReport.Scenario($"pop3/p{i}")).ToList();
        return TargetPlan.For(
            [
                new TargetProfile { Name = "a", Kind = "container", Protocols = ["smtp"] },
                new TargetProfile { Name = "b", Kind = "container", Protocols = ["pop3"] },
                new TargetProfile { Name = "c", Kind = "process", Protocols = ["smtp", "pop3"] },
            ],
            [.. smtp, .. pop3]);
    }

    private static List<(string, string)> Pairs(IEnumerable<TargetPlan> plans) => [.. plans.SelectMany(p => p.Scenarios.Select(s => (p.Profile.Name, s.Id)))];

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(5)]
    [TestCase(22)]
    [TestCase(30)]
    public void Shards_AreDisjoint_CoverTheWholePlan_InOrder_AndBalanced(int n)
    {
        var whole = Pairs(Plans());
        Assert.That(whole, Has.Count.EqualTo(22));
        var shards = Enumerable.Range(1, n).Select(i => Pairs(new Shard(i, n).Apply(Plans()))).ToList();
        Assert.That(shards.SelectMany(s => s), Is.EqualTo(whole), "concatenated in order: the whole plan, nothing twice, nothing lost");
        Assert.That(shards.Max(s => s.Count) - shards.Min(s => s.Count), Is.LessThanOrEqualTo(1));
        Assert.That(Pairs(new Shard(1, n).Apply(Plans())), Is.EqualTo(shards[0]), "deterministic");
        Assert.That(new Shard(n, n).Apply(Plans()).All(p => p.Scenarios.Count > 0), Is.True, "a target with nothing to run in a shard is not in it");
    }

    [TestCase("0/2")]
    [TestCase("3/2")]
    [TestCase("1/0")]
    [TestCase("a/b")]
    [TestCase("1")]
    public void Shard_BadSpecs_AreRefused(string spec) => Assert.Throws<FormatException>(() => Shard.Parse(spec));

    [Test]
    public void Merge_OfContiguousParts_IsTheWholeReport()
    {
        var whole = ReportDocument.FromRun(SampleReport.Build());
        var results = whole.Results;
        var parts = new[] { results.Take(4), results.Skip(4).Take(5), results.Skip(9) }
            .Select(part => part.ToList())
            .Select(part => whole with
            {
                Results = part,
                Targets = [.. whole.Targets.Where(t => part.Any(r => r.Target == t.Name))],
            })
            .Select(d => ReportDocument.Parse(d.ToJson()))
            .ToList();
        var warnings = new List<string>();
        var merged = ReportMerge.Merge(parts, warnings);
        Assert.That(warnings, Is.Empty);
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(merged.ToJson()), JsonNode.Parse(whole.ToJson())), Is.True, "summaries recomputed, load errors once, order kept");
        Assert.That(ReportSchema.Validate(merged.ToJson()), Is.Empty);
        Assert.That(HtmlReport.Render(merged), Is.EqualTo(HtmlReport.Render(whole)));
    }

    [Test]
    public void Merge_ACellTwice_KeepsTheLaterOne_AndWarns()
    {
        var whole = ReportDocument.FromRun(SampleReport.Build());
        var later = whole with { Results = [whole.Results[0] with { Verdict = "fail", Summary = "later" }] };
        var warnings = new List<string>();
        var merged = ReportMerge.Merge([whole, later], warnings);
        Assert.That(warnings, Has.Count.EqualTo(1).And.Some.Contains(whole.Results[0].Scenario));
        Assert.That(merged.Results, Has.Count.EqualTo(whole.Results.Count));
        Assert.That(merged.Results[0].Summary, Is.EqualTo("later"));
        Assert.That(merged.Summary["fail"], Is.EqualTo(whole.Summary["fail"] + 1));
    }
}
