using ConformanceHarness.Running;
using ConformanceHarness.Scenarios;
using ConformanceHarness.Tests.Support;

namespace ConformanceHarness.Tests.Running;

/// <summary>An earlier run's durations set the start order (longest first); an unreadable report leaves catalog order.</summary>
public sealed class ScenarioCostsTests
{
    private static readonly Scenario[] Scenarios = [Named("a"), Named("b"), Named("c"), Named("d")];

    [Test]
    public void StartOrder_LongestFirst_UnknownBeforeKnown_TiesInCatalogOrder()
    {
        var costs = new ScenarioCosts(new Dictionary<(string, string), double>
        {
            [("courier", "smtp/test/a")] = 300,
            [("courier", "smtp/test/b")] = 46_000,
            [("courier", "smtp/test/d")] = 300,
            [("postfix", "smtp/test/a")] = 99_000,
        });
        Assert.That(costs.StartOrder("courier", Scenarios), Is.EqualTo(new[] { 2, 1, 0, 3 }));
    }

    [Test]
    public void StartOrder_Pop3ScenariosKeepTheirPlaces()
    {
        Scenario[] mixed = [Named("a"), InlineScenario.Create("pop3/test/p", "pop3", "S: +OK", Level.Must, []), Named("b")];
        var costs = new ScenarioCosts(new Dictionary<(string, string), double>
        {
            [("t", "smtp/test/a")] = 1,
            [("t", "pop3/test/p")] = 99_000,
            [("t", "smtp/test/b")] = 50,
        });
        Assert.That(costs.StartOrder("t", mixed), Is.EqualTo(new[] { 2, 1, 0 }));
    }

    [Test]
    public async Task LoadAsync_ReadsAJsonReportsDurations()
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, """{"schema":1,"results":[{"scenario":"smtp/test/c","target":"courier","durationMs":24034.6},{"scenario":"smtp/test/a","target":"courier","durationMs":80.5}]}""");
            var costs = await ScenarioCosts.LoadAsync(path, CancellationToken.None);
            Assert.That(costs!.Count, Is.EqualTo(2));
            Assert.That(costs.StartOrder("courier", Scenarios), Is.EqualTo(new[] { 1, 3, 2, 0 }));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public async Task LoadAsync_StreamsPastTranscripts_AndSkipsAResultWithoutADuration()
    {
        var path = Path.GetTempFileName();
        try
        {
            var transcript = string.Join(',', Enumerable.Range(0, 2000).Select(i => $$"""{"at":{{i}},"direction":"server","text":"250 ok {{new string('x', 60)}}"}"""));
            await File.WriteAllTextAsync(path, $$"""{"schema":"conformance-harness/report/v1","targets":[{"name":"courier"}],"results":[{"scenario":"smtp/test/c","target":"courier","verdict":"pass","transcript":[{{transcript}}],"notes":["n"],"durationMs":24034.6},{"scenario":"smtp/test/b","target":"courier","verdict":"pass"},{"scenario":"smtp/test/a","target":"courier","durationMs":80.5,"tags":["relay"]}]}""");
            var costs = await ScenarioCosts.LoadAsync(path, CancellationToken.None);
            Assert.That(costs!.Count, Is.EqualTo(2), "b has no durationMs");
            Assert.That(costs.StartOrder("courier", Scenarios), Is.EqualTo(new[] { 1, 3, 2, 0 }));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestCase("not json at all")]
    [TestCase("""{"schema":1}""")]
    public async Task LoadAsync_NoReport_IsNull(string text)
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, text);
            Assert.That(await ScenarioCosts.LoadAsync(path, CancellationToken.None), Is.Null);
            Assert.That(await ScenarioCosts.LoadAsync(path + ".missing", CancellationToken.None), Is.Null);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static Scenario Named(string name) => InlineScenario.Create($"smtp/test/{name}", "smtp", "S: 220", Level.Must, []);
}
