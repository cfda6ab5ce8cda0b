using ConformanceHarness.Cli.Catalog;
using ConformanceHarness.Scenarios;
using ConformanceHarness.Tests.Reporting;

namespace ConformanceHarness.Tests.Cli;

public sealed class ScenarioSelectionTests
{
    private static readonly Scenario Order = SampleReport.Scenario("smtp/rfc5321/4.1.4/rcpt-before-mail", Level.Must, "state");
    private static readonly Scenario Relay = SampleReport.Scenario("smtp/rfc5321/3.6/open-relay", Level.Security, "relay");
    private static readonly Scenario Stat = SampleReport.Scenario("pop3/rfc1939/5/stat", Level.Should);

    private static List<string> Ids(ScenarioSelection selection) => selection.Apply([Order, Relay, Stat]).Select(s => s.Id).ToList();

    [Test]
    public void Empty_SelectsEverything() =>
        Assert.That(Ids(new ScenarioSelection()), Has.Count.EqualTo(3));

    [Test]
    public void Prefixes_AnyOfThem() =>
        Assert.That(Ids(new ScenarioSelection { Prefixes = ["smtp/rfc5321/4", "pop3/"] }), Is.EqualTo(new[] { Order.Id, Stat.Id }));

    [Test]
    public void Prefix_IsAPlainStringPrefix() =>
        Assert.That(Ids(new ScenarioSelection { Prefixes = ["smtp/rfc5321/4.1"] }), Is.EqualTo(new[] { Order.Id }));

    [Test]
    public void Tags_IgnoreCase() =>
        Assert.That(Ids(new ScenarioSelection { Tags = ["RELAY"] }), Is.EqualTo(new[] { Relay.Id }));

    [Test]
    public void Kinds_AreCombinedWithAnd() =>
        Assert.That(Ids(new ScenarioSelection { Prefixes = ["smtp/"], Levels = [Level.Must, Level.Should] }), Is.EqualTo(new[] { Order.Id }));

    [Test]
    public void ToString_RepeatsTheOptions() =>
        Assert.That(new ScenarioSelection { Prefixes = ["smtp/"], Tags = ["relay"], Levels = [Level.Security] }.ToString(), Is.EqualTo("--select smtp/ --tag relay --level security"));

    [TestCase("scenarios/smtp/rfc5321/4.1.4/rcpt-before-mail.yaml")]
    [TestCase("./scenarios/smtp/rfc5321/4.1.4/rcpt-before-mail.yaml")]
    [TestCase("/home/me/repo/scenarios/smtp/rfc5321/4.1.4/rcpt-before-mail.yaml")]
    [TestCase("smtp/rfc5321/4.1.4/rcpt-before-mail.yaml")]
    public void Prefix_AFilePath_SelectsItsScenario(string path) =>
        Assert.That(Ids(new ScenarioSelection { Prefixes = [path] }), Is.EqualTo(new[] { Order.Id }));

    [TestCase("tags: [security, relay]")]
    [TestCase("tags:\n  - security\n  - relay\n")]
    [TestCase("tags: [\"relay\"]")]
    [TestCase("tags: ['Relay']")]
    [TestCase("tags: [relay]")]
    public void MayHoldText_TheTagInAYamlList_IsKept(string yaml) =>
        Assert.That(new ScenarioSelection { Tags = ["relay"] }.MayHoldText($"title: x\n{yaml}\nlevel: must\n"), Is.True);

    [TestCase("C: RCPT TO:<relay-test@relay-target.example.net>")]
    [TestCase("tags: [open-relay, relay_x, relays]")]
    [TestCase("why: relay.example is not ours")]
    [TestCase("tags: [security]")]
    public void MayHoldText_TheWordOnlyInsideAnotherWord_IsSkipped(string yaml) =>
        Assert.That(new ScenarioSelection { Tags = ["relay"] }.MayHoldText($"title: x\n{yaml}\nlevel: must\n"), Is.False);

    [Test]
    public void MayHoldText_WithoutTags_KeepsEveryFile() =>
        Assert.That(new ScenarioSelection { Prefixes = ["smtp/"] }.MayHoldText("title: x"), Is.True);

    /// <summary>
    /// The catalog as it is: reading only the files a --tag (or a --select prefix) can match selects exactly what parsing
    /// every file and then filtering selects, for every tag and every top folder of the catalog.
    /// </summary>
    [Test]
    public void PartialRead_SelectsTheSameAsTheWholeCatalog_ForEveryTagAndFolder()
    {
        var folder = Path.Combine(ConformanceHarness.Targets.RepositoryLayout.FindRoot()!, "scenarios");
        var whole = LoadedCatalog.Load(folder);
        Assert.That(whole.Errors, Is.Empty);
        var selections = whole.Scenarios.SelectMany(s => s.Tags).Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(tag => new ScenarioSelection { Tags = [tag] })
            .Concat(whole.Scenarios.Select(s => string.Join('/', s.Id.Split('/').Take(2))).Distinct().Select(prefix => new ScenarioSelection { Prefixes = [prefix] }))
            .Append(new ScenarioSelection { Prefixes = ["smtp/relay/plain"] })
            .Append(new ScenarioSelection { Prefixes = ["smtp/rfc5321/4.1"], Tags = ["state"] })
            .ToList();
        Assert.That(selections, Has.Count.GreaterThan(40));
        foreach (var selection in selections)
        {
            var partial = LoadedCatalog.Load(folder, selection);
            Assert.That(partial.Errors, Is.Empty, selection.ToString());
            Assert.That(partial.Select(selection).Select(s => s.Id), Is.EqualTo(whole.Select(selection).Select(s => s.Id)), selection.ToString());
        }

        Assert.That(LoadedCatalog.Load(folder, new ScenarioSelection { Tags = ["relay"] }).Scenarios, Has.Count.LessThan(whole.Scenarios.Count / 2), "--tag relay parses the files that say relay, not the whole catalog");
    }

    [Test]
    public void PartialRead_AFileWithoutTheTag_IsNotParsed_AndOneWithItIs()
    {
        var folder = Directory.CreateTempSubdirectory("ch-tagread-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "smtp"));
            File.WriteAllText(Path.Combine(folder, "smtp", "broken.yaml"), "title: [unclosed\n");
            File.WriteAllText(Path.Combine(folder, "smtp", "tagged.yaml"), "title: T\nrule: R\nlevel: must\ntags: [relay]\ndialogue: |\n  S: 220\n");
            var tagged = LoadedCatalog.Load(folder, new ScenarioSelection { Tags = ["relay"] });
            Assert.That(tagged.Errors, Is.Empty, "the broken file does not say relay: not read");
            Assert.That(tagged.Scenarios.Select(s => s.Id), Is.EqualTo(new[] { "smtp/tagged" }));
            Assert.That(LoadedCatalog.Load(folder).Errors, Has.Count.EqualTo(1), "read in full, the broken file is an error");
            Assert.That(LoadedCatalog.Load(folder, new ScenarioSelection { Tags = ["state"] }).Scenarios, Is.Empty);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
