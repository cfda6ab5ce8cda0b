using System.Diagnostics;
using System.IO.Compression;
using System.Reflection;
using System.Xml.Linq;
using ConformanceHarness.Cli;
using ConformanceHarness.Targets;

namespace ConformanceHarness.Tests.Cli;

/// <summary>
/// Distribution as a user gets it: <c>dotnet pack</c> the CLI into a folder, <c>dotnet tool install</c> it from that folder
/// alone (a NuGet config that clears every other source: no registry is asked), then run the installed command from outside
/// the repository: <c>--version</c> is the package's version, <c>--help</c> shows examples, and <c>list</c> finds the catalog
/// the package carries. Packs the binaries the test run was built from (<c>--no-build</c>).
/// </summary>
[Category("Pack")]
public sealed class ToolPackageTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static readonly TimeSpan StepLimit = TimeSpan.FromMinutes(3);

    private DirectoryInfo work = null!;

    [SetUp]
    public void SetUp() => work = Directory.CreateTempSubdirectory("ch-pack-");

    [TearDown]
    public void TearDown() => work.Delete(recursive: true);

    [Test]
    public async Task PackedTool_InstallsFromALocalFolder_AndShowsItsVersionHelpAndCatalog()
    {
        var root = RepositoryLayout.FindRoot() ?? throw new InvalidOperationException("the tests run inside the repository");
        var feed = Directory.CreateDirectory(Path.Combine(work.FullName, "feed")).FullName;
        var tools = Path.Combine(work.FullName, "tools");
        var config = Path.Combine(work.FullName, "nuget.config");
        await File.WriteAllTextAsync(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);

        var clock = Stopwatch.StartNew();
        var pack = await RunAsync("dotnet", ["pack", Path.Combine(root, "harness", "ConformanceHarness.Cli", "ConformanceHarness.Cli.csproj"), "-c", Configuration, "--no-build", "-o", feed, "-nodeReuse:false"]);
        Assert.That(pack.ExitCode, Is.Zero, pack.ToString());
        var packed = clock.Elapsed;

        var package = Directory.GetFiles(feed, "*.nupkg").Single();
        var (id, version) = ReadNuspec(package);
        Assert.That(id, Is.EqualTo("ConformanceHarness.Cli"));
        Assert.That(Path.GetFileName(package), Is.EqualTo($"{id}.{version}.nupkg"));

        var install = await RunAsync("dotnet", ["tool", "install", id, "--tool-path", tools, "--configfile", config, "--version", version]);
        Assert.That(install.ExitCode, Is.Zero, install.ToString());
        var installed = clock.Elapsed - packed;
        TestContext.Out.WriteLine($"pack {packed.TotalSeconds:0.0} s, install {installed.TotalSeconds:0.0} s");

        var command = Path.Combine(tools, "conformance-harness");
        Assert.That(File.Exists(command), Is.True, "the ToolCommandName is the command installed");

        var versionRun = await RunAsync(command, ["--version"]);
        Assert.That(versionRun.ExitCode, Is.Zero, versionRun.ToString());
        var informational = typeof(CliApplication).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.That(versionRun.Out.Trim(), Is.EqualTo(informational), "the installed program is the one this test run was built with");
        Assert.That(versionRun.Out.Trim().Split('+')[0], Is.EqualTo(version), "--version starts with the package version");

        var help = await RunAsync(command, ["--help"]);
        Assert.That(help.ExitCode, Is.Zero, help.ToString());
        Assert.That(help.Out, Does.Contain("Examples:").And.Contain("conformance-harness compare --bundled").And.Contain("conformance-harness merge "));
        var runHelp = await RunAsync(command, ["run", "--help"]);
        Assert.That(runHelp.Out, Does.Contain("--baseline").And.Contain("--fail-on").And.Contain("--shard").And.Contain("Examples:"), runHelp.ToString());

        // Outside any checkout, the installed command grades with the catalog its package carries: the repository's own.
        var list = await RunAsync(command, ["list"]);
        Assert.That(list.ExitCode, Is.Zero, list.ToString());
        var fromRepository = await CliRun.InvokeAsync("list", "--scenarios", Path.Combine(root, "scenarios"));
        Assert.That(Lines(list.Out)[..^1], Is.EqualTo(Lines(fromRepository.Out)[..^1]), "the same scenarios, line for line");
        Assert.That(Lines(list.Out)[^1], Does.Contain(Path.Combine(tools, ".store")));
    }

    private static string[] Lines(string text) => text.TrimEnd().Split('\n').Select(l => l.TrimEnd()).ToArray();

    private static (string Id, string Version) ReadNuspec(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        var entry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = entry.Open();
        var metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Value(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;
        return (Value("id"), Value("version"));
    }

    /// <summary>Runs a program to its end in the test's own folder (outside the repository).</summary>
    private Task<CliRun> RunAsync(string program, string[] args) => ExternalRun.RunAsync(program, args, work.FullName, StepLimit);
}
