using System.Diagnostics;
using System.IO.Compression;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Xml.Linq;
using ConformanceHarness.Cli;
using ConformanceHarness.Reporting;
using ConformanceHarness.Targets;
using ConformanceHarness.Tests.Fakes;

namespace ConformanceHarness.Tests.Cli;

/// <summary>
/// Distribution as a user gets it: <c>dotnet pack</c> the CLI into a folder, <c>dotnet tool install</c> it from that folder
/// alone (a NuGet config that clears every other source: no registry is asked), then run the installed command from outside
/// the repository. The pack makes a pointer package, a ReadyToRun package for each RID it names and the framework-dependent
/// <c>any</c> fallback; the install must pick this machine's RID package, whose assemblies carry precompiled code, and the
/// installed command must still show its version, help and the catalog its package carries, and grade a scenario against a
/// live server. Packing builds the RID-specific outputs (a <c>--no-build</c> pack has none to take).
/// </summary>
[Category("Pack")]
public sealed class ToolPackageTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private const string PackageId = "ConformanceHarness.Cli";

    // The pack compiles the CLI and precompiles it once per RID: minutes on a loaded 2-core machine.
    private static readonly TimeSpan PackLimit = TimeSpan.FromMinutes(20);
    private static readonly TimeSpan StepLimit = TimeSpan.FromMinutes(3);

    private DirectoryInfo work = null!;
    private string root = null!;
    private string feed = null!;
    private string tools = null!;
    private string version = null!;

    private string Command => Path.Combine(tools, "conformance-harness");

    [OneTimeSetUp]
    public async Task PackAndInstall()
    {
        work = Directory.CreateTempSubdirectory("ch-pack-");
        root = RepositoryLayout.FindRoot() ?? throw new InvalidOperationException("the tests run inside the repository");
        feed = Directory.CreateDirectory(Path.Combine(work.FullName, "feed")).FullName;
        tools = Path.Combine(work.FullName, "tools");
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
        var project = Path.Combine(root, "harness", "ConformanceHarness.Cli", "ConformanceHarness.Cli.csproj");
        var pack = await ExternalRun.RunAsync("dotnet", ["pack", project, "-c", Configuration, "-o", feed, "-nodeReuse:false"], work.FullName, PackLimit);
        Assert.That(pack.ExitCode, Is.Zero, pack.ToString());
        var packed = clock.Elapsed;

        var pointer = Path.Combine(feed, $"{PackageId}.{PackageVersion()}.nupkg");
        Assert.That(File.Exists(pointer), Is.True, $"the pointer package; the feed holds {string.Join(", ", Directory.GetFiles(feed).Select(Path.GetFileName))}");
        (var id, version) = ReadNuspec(pointer);
        Assert.That(id, Is.EqualTo(PackageId));

        var install = await RunAsync("dotnet", ["tool", "install", id, "--tool-path", tools, "--configfile", config, "--version", version]);
        Assert.That(install.ExitCode, Is.Zero, install.ToString());
        TestContext.Out.WriteLine($"pack {packed.TotalSeconds:0.0} s, install {(clock.Elapsed - packed).TotalSeconds:0.0} s");
    }

    [OneTimeTearDown]
    public void DeleteWork() => work?.Delete(recursive: true);

    [Test]
    public void Pack_MakesAPointerPackage_ThisRidsPackage_AndTheAnyFallback_EachImplementationWithTheCatalog()
    {
        var named = RidPackages(Path.Combine(feed, $"{PackageId}.{version}.nupkg"));
        Assert.That(named.Keys, Does.Contain(RuntimeInformation.RuntimeIdentifier).And.Contain("any"), "the pointer names this machine's RID and the framework-dependent fallback");
        Assert.That(named, Has.All.Matches<KeyValuePair<string, string>>(p => p.Value == $"{PackageId}.{p.Key}"));
        Assert.That(Directory.GetFiles(feed, "*.nupkg").Select(Path.GetFileName),
            Is.EquivalentTo(named.Values.Select(v => $"{v}.{version}.nupkg").Append($"{PackageId}.{version}.nupkg")), "one package per RID, plus the pointer");

        Assert.That(Entries(Path.Combine(feed, $"{PackageId}.{version}.nupkg")).Where(e => e.EndsWith(".dll", StringComparison.Ordinal)), Is.Empty, "the pointer carries no program");
        var catalog = Directory.GetFiles(Path.Combine(root, "scenarios"), "*.yaml", SearchOption.AllDirectories)
            .Select(f => "scenarios/" + Path.GetRelativePath(Path.Combine(root, "scenarios"), f).Replace('\\', '/')).ToList();
        var sink = Directory.GetFiles(Path.Combine(root, "harness", "targets", "images", "capture-sink")).Select(f => "capture-sink/" + Path.GetFileName(f));
        foreach (var (rid, package) in named)
        {
            var prefix = $"tools/net10.0/{rid}/";
            var files = Entries(Path.Combine(feed, $"{package}.{version}.nupkg")).Where(e => e.StartsWith(prefix, StringComparison.Ordinal)).Select(e => e[prefix.Length..]).ToList();
            Assert.That(files, Does.Contain("conformance-harness.dll"), package);
            Assert.That(files.Where(f => f.StartsWith("scenarios/", StringComparison.Ordinal)), Is.EquivalentTo(catalog), $"{package} carries the whole catalog");
            Assert.That(files, Is.SupersetOf(sink), $"{package} carries the capture sink's image folder");
        }
    }

    [Test]
    public void Install_PicksThisRidsPackage_WhoseAssembliesCarryReadyToRunCode_WhileTheAnyFallbackIsIlOnly()
    {
        var rid = RuntimeInformation.RuntimeIdentifier;
        var entry = Directory.GetFiles(Path.Combine(tools, ".store"), "conformance-harness.dll", SearchOption.AllDirectories).Single();
        var folder = Path.GetDirectoryName(entry)!;
        Assert.That(folder, Does.EndWith(Path.Combine("tools", "net10.0", rid)).And.Contain($"{PackageId}.{rid}".ToLowerInvariant()), "the RID package was installed");

        var assemblies = Directory.GetFiles(folder, "*.dll");
        Assert.That(assemblies, Has.Length.GreaterThan(10));
        Assert.That(assemblies.Where(a => !ReadyToRunImage.HasNativeCode(a)).Select(Path.GetFileName), Is.Empty, "every assembly of the installed tool is precompiled for this RID");

        // The same check on the fallback package tells IL from precompiled code: it must fail there.
        using var fallback = ZipFile.OpenRead(Path.Combine(feed, $"{PackageId}.any.{version}.nupkg"));
        var il = Path.Combine(work.FullName, "any-conformance-harness.dll");
        fallback.GetEntry("tools/net10.0/any/conformance-harness.dll")!.ExtractToFile(il, overwrite: true);
        Assert.That(ReadyToRunImage.HasNativeCode(il), Is.False, "the any package is the JIT-compiled fallback");
    }

    [Test]
    public async Task InstalledTool_ShowsItsVersionHelpAndCatalog()
    {
        var versionRun = await RunAsync(Command, ["--version"]);
        Assert.That(versionRun.ExitCode, Is.Zero, versionRun.ToString());
        var informational = typeof(CliApplication).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.That(versionRun.Out.Trim(), Is.EqualTo(informational), "the installed program is built from the commit this test run was built from");
        Assert.That(versionRun.Out.Trim().Split('+')[0], Is.EqualTo(version), "--version starts with the package version");

        var help = await RunAsync(Command, ["--help"]);
        Assert.That(help.ExitCode, Is.Zero, help.ToString());
        Assert.That(help.Out, Does.Contain("Examples:").And.Contain("conformance-harness compare --bundled").And.Contain("conformance-harness merge "));
        var runHelp = await RunAsync(Command, ["run", "--help"]);
        Assert.That(runHelp.Out, Does.Contain("--baseline").And.Contain("--fail-on").And.Contain("--shard").And.Contain("Examples:"), runHelp.ToString());

        // Outside any checkout, the installed command grades with the catalog its package carries: the repository's own.
        var list = await RunAsync(Command, ["list"]);
        Assert.That(list.ExitCode, Is.Zero, list.ToString());
        var fromRepository = await CliRun.InvokeAsync("list", "--scenarios", Path.Combine(root, "scenarios"));
        Assert.That(Lines(list.Out)[..^1], Is.EqualTo(Lines(fromRepository.Out)[..^1]), "the same scenarios, line for line");
        Assert.That(Lines(list.Out)[^1], Does.Contain(Path.Combine(tools, ".store")));
    }

    [TestCase(false, 0, "pass")]
    [TestCase(true, 1, "fail")]
    public async Task InstalledTool_GradesARelayFormOnALiveServer(bool openRelay, int exitCode, string verdict)
    {
        // The one-scenario run of the start-up figure (README "Speed, before and after"), against a fake that refuses relaying and one that relays.
        await using var server = new FakeSmtpServer(openRelay ? SmtpFault.OpenRelay : SmtpFault.None);
        var json = Path.Combine(work.FullName, $"relay-{openRelay}.json");
        var run = await RunAsync(Command, ["run", "--target", $"live:127.0.0.1:{server.Port}", "--select", "smtp/relay/plain", "--no-data", "--json", json]);
        Assert.That(run.ExitCode, Is.EqualTo(exitCode), run.ToString());
        var report = await ReportDocument.LoadAsync(json, CancellationToken.None);
        Assert.That(report.Results.Select(r => (r.Scenario, r.Verdict)), Is.EqualTo(new[] { ("smtp/relay/plain", verdict) }), run.ToString());
    }

    private static string[] Lines(string text) => text.TrimEnd().Split('\n').Select(l => l.TrimEnd()).ToArray();

    private static string PackageVersion() => typeof(CliApplication).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];

    private static List<string> Entries(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        return zip.Entries.Select(e => e.FullName).ToList();
    }

    /// <summary>The pointer package's settings: RID → the package that holds the tool for it.</summary>
    private static Dictionary<string, string> RidPackages(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        using var stream = zip.GetEntry("tools/any/any/DotnetToolSettings.xml")!.Open();
        return XDocument.Load(stream).Descendants("RuntimeIdentifierPackage")
            .ToDictionary(e => (string)e.Attribute("RuntimeIdentifier")!, e => (string)e.Attribute("Id")!);
    }

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
