using ConformanceHarness.Cli;
using ConformanceHarness.Cli.Catalog;

namespace ConformanceHarness.Tests.Cli;

public sealed class ScenarioFolderTests
{
    private string root = null!;

    [SetUp]
    public void SetUp()
    {
        root = Path.Combine(Path.GetTempPath(), "ch-folder-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "repo", "scenarios"));
        Directory.CreateDirectory(Path.Combine(root, "repo", "tools", "bin", "deep"));
        Directory.CreateDirectory(Path.Combine(root, "elsewhere", "scenarios"));
        File.WriteAllText(Path.Combine(root, "repo", "ConformanceHarness.sln"), string.Empty);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(root, recursive: true);

    private static string? NoEnvironment(string name) => null;

    [Test]
    public void Find_Option_WinsOverEverything()
    {
        var option = Path.Combine(root, "elsewhere", "scenarios");
        var found = ScenarioFolder.Find(option, _ => Path.Combine(root, "repo", "scenarios"), [Path.Combine(root, "repo")]);
        Assert.That(found, Is.EqualTo(option));
    }

    [Test]
    public void Find_EnvironmentVariable_WinsOverTheRepository()
    {
        var fromEnvironment = Path.Combine(root, "elsewhere", "scenarios");
        var found = ScenarioFolder.Find(null, name => name == ScenarioFolder.EnvironmentVariable ? fromEnvironment : null, [Path.Combine(root, "repo")]);
        Assert.That(found, Is.EqualTo(fromEnvironment));
    }

    [Test]
    public void Find_WalksUpToTheFolderWithTheSolution()
    {
        var found = ScenarioFolder.Find(null, NoEnvironment, [Path.Combine(root, "repo", "tools", "bin", "deep")]);
        Assert.That(found, Is.EqualTo(Path.Combine(root, "repo", "scenarios")));
    }

    [Test]
    public void Find_TriesEachStart_TheProgramsDirectoryAfterTheWorkingOne()
    {
        var found = ScenarioFolder.Find(null, NoEnvironment, [Path.Combine(root, "elsewhere"), Path.Combine(root, "repo", "tools")]);
        Assert.That(found, Is.EqualTo(Path.Combine(root, "repo", "scenarios")));
    }

    [Test]
    public void Find_NoRepository_IsAUsageError_NamingTheWaysOut()
    {
        var error = Assert.Throws<UsageException>(() => ScenarioFolder.Find(null, NoEnvironment, [Path.Combine(root, "elsewhere")]));
        Assert.That(error!.Message, Does.Contain("--scenarios").And.Contain(ScenarioFolder.EnvironmentVariable));
    }

    [Test]
    public void Find_NoRepository_FallsBackOnThePackagedCatalog()
    {
        var packaged = Path.Combine(root, "elsewhere", "scenarios");
        var found = ScenarioFolder.Find(null, NoEnvironment, [Path.Combine(root, "elsewhere")], packaged);
        Assert.That(found, Is.EqualTo(packaged));
    }

    [Test]
    public void Find_TheRepository_WinsOverThePackagedCatalog()
    {
        var found = ScenarioFolder.Find(null, NoEnvironment, [Path.Combine(root, "repo", "tools")], Path.Combine(root, "elsewhere", "scenarios"));
        Assert.That(found, Is.EqualTo(Path.Combine(root, "repo", "scenarios")));
    }

    [Test]
    public void Find_NoRepository_AndNoPackagedCatalog_IsAUsageError()
    {
        var error = Assert.Throws<UsageException>(() => ScenarioFolder.Find(null, NoEnvironment, [Path.Combine(root, "elsewhere")], Path.Combine(root, "nope")));
        Assert.That(error!.Message, Does.Contain("none packed with the program"));
    }

    [Test]
    public void Find_MissingFolder_IsAUsageError()
    {
        var error = Assert.Throws<UsageException>(() => ScenarioFolder.Find(Path.Combine(root, "nope"), NoEnvironment, []));
        Assert.That(error!.Message, Does.Contain("does not exist"));
    }

    [Test]
    public void Find_FromTheTestRun_FindsTheRepositoryCatalog()
    {
        var found = ScenarioFolder.Find(null, NoEnvironment, [TestContext.CurrentContext.TestDirectory]);
        Assert.That(File.Exists(Path.Combine(found, "..", "ConformanceHarness.sln")), Is.True);
    }
}
