using System.Text.RegularExpressions;
using System.Xml.Linq;
using ConformanceHarness.Cli;
using ConformanceHarness.Targets;
using YamlDotNet.RepresentationModel;

namespace ConformanceHarness.Tests.Cli;

/// <summary>
/// docs/ci-example.md stays true: its YAML is YAML, its target profile loads, every <c>conformance-harness</c> command
/// line in it parses with the real command tree, and the pack/install lines name this repository's project and package.
/// </summary>
public sealed partial class CiExampleTests
{
    private static readonly string Root = RepositoryLayout.FindRoot() ?? throw new InvalidOperationException("the tests run inside the repository");

    private static readonly string Page = File.ReadAllText(Path.Combine(Root, "docs", "ci-example.md"));

    private static IEnumerable<(string Language, string Text)> Blocks() =>
        CodeBlock().Matches(Page).Select(m => (m.Groups[1].Value, m.Groups[2].Value));

    [Test]
    public void EveryYamlBlock_IsWellFormedYaml()
    {
        var blocks = Blocks().Where(b => b.Language == "yaml").ToList();
        Assert.That(blocks, Has.Count.GreaterThanOrEqualTo(4), "profile, workflow, sharded workflow, GitLab job");
        foreach (var (_, text) in blocks)
        {
            Assert.DoesNotThrow(() => new YamlStream().Load(new StringReader(text)), text);
        }
    }

    [Test]
    public void TheProfile_LoadsAsAContainerTargetOnTheJobsImage()
    {
        var yaml = Blocks().Single(b => b.Language == "yaml" && b.Text.Contains("\nkind: ", StringComparison.Ordinal)).Text;
        var profile = TargetProfileLoader.Parse(yaml, "docs/ci-example.md");
        Assert.That(profile.Name, Is.EqualTo("my-server"));
        Assert.That(profile.Kind, Is.EqualTo("container"));
        Assert.That(profile.Container!.ImageName, Is.EqualTo("my-server:ci"));
        Assert.That(Page, Does.Contain("docker build -t my-server:ci ."), "the workflow builds the image the profile names");
        Assert.That(profile.Ports.Keys, Is.EquivalentTo(new[] { "smtp", "submission" }));
        Assert.That(profile.Deviations.Select(d => d.Scenario), Is.All.Matches<string>(id => File.Exists(Path.Combine(Root, "scenarios", id + ".yaml"))), "deviations name real scenarios");
    }

    [Test]
    public void EveryCommandLine_ParsesWithTheRealCommandTree()
    {
        var gate = Gate().Match(Page).Groups[1].Value;
        Assert.That(gate, Does.Contain("--fail-on regressions"));
        var lines = Page.Split('\n').Select(l => CommandLine().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
        Assert.That(lines, Has.Count.GreaterThanOrEqualTo(5));
        Assert.That(lines.Select(l => l.Split(' ')[0]).Distinct(), Is.SupersetOf(new[] { "--version", "run", "merge" }));
        foreach (var line in lines)
        {
            var text = line.Replace("$GATE", gate, StringComparison.Ordinal).Replace("${{ matrix.shard }}", "2", StringComparison.Ordinal)
                .Replace("\"$CI_NODE_INDEX/$CI_NODE_TOTAL\"", "2/2", StringComparison.Ordinal);
            text = text.Split(" || ")[0];
            var args = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var parse = CliApplication.Build(CliHost.ForWriters(TextWriter.Null, TextWriter.Null)).Parse(args);
            Assert.That(parse.Errors.Select(e => e.Message), Is.Empty, text);
        }
    }

    [Test]
    public void PackAndInstallLines_NameThisRepositorysProjectAndPackage()
    {
        var csproj = Path.Combine(Root, "harness", "ConformanceHarness.Cli", "ConformanceHarness.Cli.csproj");
        var packageId = XDocument.Load(csproj).Descendants("PackageId").Single().Value;
        foreach (Match pack in Pack().Matches(Page))
        {
            Assert.That(Directory.Exists(Path.Combine(Root, pack.Groups[1].Value)), Is.True, pack.Value);
        }

        var installs = Install().Matches(Page).ToList();
        Assert.That(installs, Has.Count.GreaterThanOrEqualTo(3));
        Assert.That(installs.Select(i => i.Groups[1].Value), Is.All.EqualTo(packageId));
    }

    [GeneratedRegex("```(\\w+)\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex("conformance-harness (--version|(?:run|compare|merge|list|explain) .*)$")]
    private static partial Regex CommandLine();

    [GeneratedRegex("GATE=\"(--[^\"]+)\"")]
    private static partial Regex Gate();

    [GeneratedRegex(@"dotnet pack \.harness/(\S+)")]
    private static partial Regex Pack();

    [GeneratedRegex(@"dotnet tool install ([A-Za-z][\w.]*)")]
    private static partial Regex Install();
}
