using ConformanceHarness.Running;
using ConformanceHarness.Scenarios;
using ConformanceHarness.Tests.Support;

namespace ConformanceHarness.Tests.Catalog;

/// <summary>
/// Every scenario in scenarios/ is proven both ways: it passes on a correct fake server and fails (or warns)
/// on each fake broken in its rule (<see cref="CatalogProofs"/>). A scenario with no breaking fake fails here.
/// </summary>
[Parallelizable(ParallelScope.Children)]
public sealed class CatalogProofTests
{
    /// <summary>Longer than the unit tests' 1 s: TLS handshakes and a delivery run inside one scenario.</summary>
    internal static readonly RunOptions Options = InlineScenario.Options(stepTimeout: TimeSpan.FromSeconds(2), scenarioTimeout: TimeSpan.FromSeconds(30));

    internal static readonly Lazy<(IReadOnlyList<Scenario> Scenarios, IReadOnlyList<ScenarioError> Errors)> Catalog =
        new(() => ScenarioLoader.LoadDirectory(ScenariosDirectory()));

    public static IEnumerable<TestCaseData> Scenarios() =>
        Catalog.Value.Scenarios.Select(s => new TestCaseData(s.Id));

    public static IEnumerable<TestCaseData> Breakers()
    {
        foreach (var scenario in Catalog.Value.Scenarios)
        {
            if (!CatalogProofs.ById.TryGetValue(scenario.Id, out var proof) || proof.Breakers.Count == 0)
            {
                yield return new TestCaseData(scenario.Id, "(none)");
                continue;
            }

            foreach (var breaker in proof.Breakers)
            {
                yield return new TestCaseData(scenario.Id, breaker.Name);
            }
        }
    }

    [Test]
    public void Catalog_Loads_WithoutErrors()
    {
        Assert.That(Catalog.Value.Errors.Select(e => e.ToString()), Is.Empty);
        Assert.That(Catalog.Value.Scenarios, Is.Not.Empty);
    }

    [Test]
    public void Catalog_EveryScenario_HasABreakingFake()
    {
        var unproven = Catalog.Value.Scenarios.Select(s => s.Id)
            .Where(id => !CatalogProofs.ById.TryGetValue(id, out var proof) || proof.Breakers.Count == 0);
        Assert.That(unproven, Is.Empty, "add a fake that breaks each of these scenarios' rule to CatalogProofs");
    }

    [Test]
    public void ProofTable_EveryEntry_NamesAScenarioInTheCatalog()
    {
        var ids = Catalog.Value.Scenarios.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        Assert.That(CatalogProofs.ById.Keys.Where(id => !ids.Contains(id)), Is.Empty, "stale entries in CatalogProofs");
    }

    [Test]
    public void Catalog_EveryScenario_HasTitleRuleAndTags()
    {
        Assert.That(
            Catalog.Value.Scenarios.Where(s => s.Tags.Count == 0 || !s.Rule.StartsWith("RFC ", StringComparison.Ordinal)).Select(s => s.Id),
            Is.Empty);
    }

    [TestCaseSource(nameof(Scenarios))]
    public async Task Scenario_OnCorrectFake_Passes(string id)
    {
        var scenario = Catalog.Value.Scenarios.Single(s => s.Id == id);
        var correct = CatalogProofs.ById.TryGetValue(id, out var proof) ? proof.Correct : () => Fakes.FakeTarget.Start();
        await using var fake = correct();
        var result = await new ScenarioRunner(Options).RunAsync(scenario, fake.Target, CancellationToken.None);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), InlineScenario.Explain(result));
    }

    [TestCaseSource(nameof(Breakers))]
    public async Task Scenario_OnBrokenFake_FailsOrWarns(string id, string breakerName)
    {
        if (!CatalogProofs.ById.TryGetValue(id, out var proof) || proof.Breakers.Count == 0)
        {
            Assert.Fail($"{id} has no breaking fake in CatalogProofs: every scenario must be shown to fail where its rule is broken");
            return;
        }

        var scenario = Catalog.Value.Scenarios.Single(s => s.Id == id);
        var breaker = proof.Breakers.Single(b => b.Name == breakerName);
        await using var fake = breaker.Start();
        var result = await new ScenarioRunner(Options).RunAsync(scenario, fake.Target, CancellationToken.None);
        Assert.That(result.Verdict, Is.EqualTo(breaker.Expected), InlineScenario.Explain(result));
    }

    /// <summary>scenarios/ next to ConformanceHarness.sln, found by walking up from the test assembly.</summary>
    private static string ScenariosDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ConformanceHarness.sln")))
            {
                return Path.Combine(dir.FullName, "scenarios");
            }
        }

        throw new DirectoryNotFoundException($"no ConformanceHarness.sln above {AppContext.BaseDirectory}");
    }
}
