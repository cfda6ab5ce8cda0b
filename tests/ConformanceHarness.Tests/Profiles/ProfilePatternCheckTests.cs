using ConformanceHarness.Scenarios;
using ConformanceHarness.Targets;

namespace ConformanceHarness.Tests.Profiles;

public sealed class ProfilePatternCheckTests
{
    [Test]
    public void Unmatched_ATypoInADeviation_NamesFileAndLine()
    {
        var folder = Directory.CreateTempSubdirectory("ch-pattern-").FullName;
        try
        {
            var file = Path.Combine(folder, "p.yaml");
            File.WriteAllText(file, "name: p\ndeviations:\n  - { scenario: smtp/a, rule: R, why: w }\n  - { scenario: smtp/b-typo, rule: R, why: w }\nmust_fail: [smtp/c/*]\n");
            var errors = ProfilePatternCheck.Unmatched(TargetProfileLoader.LoadFile(file), ["smtp/a", "smtp/b", "smtp/c/x"]);
            Assert.That(errors, Is.EqualTo(new[] { $"{file}:4: deviation 'smtp/b-typo' matches no scenario of the catalog (a typo, or a renamed scenario?)" }));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void Unmatched_ATypoInAScenariosList_NamesItsOwnLine()
    {
        var folder = Directory.CreateTempSubdirectory("ch-pattern-").FullName;
        var file = Path.Combine(folder, "p.yaml");
        File.WriteAllText(file, "name: p\ndeviations:\n  - scenarios:\n      - smtp/a\n      - smtp/b-typo\n    rule: R\n    why: w\n");
        var errors = ProfilePatternCheck.Unmatched(TargetProfileLoader.LoadFile(file), ["smtp/a", "smtp/b"]);
        Directory.Delete(folder, recursive: true);
        Assert.That(errors, Is.EqualTo(new[] { $"{file}:5: deviation 'smtp/b-typo' matches no scenario of the catalog (a typo, or a renamed scenario?)" }));
    }

    [Test]
    public void BundledProfiles_EveryDeviationAndMustFailMatchesAScenario()
    {
        var root = RepositoryLayout.FindRoot() ?? throw new InvalidOperationException("no repository");
        var ids = ScenarioLoader.LoadDirectory(Path.Combine(root, "scenarios")).Scenarios.Select(s => s.Id).ToList();
        var errors = BundledTargets.LoadAll().SelectMany(p => ProfilePatternCheck.Unmatched(p, ids)).ToList();
        Assert.That(errors, Is.Empty);
    }
}
