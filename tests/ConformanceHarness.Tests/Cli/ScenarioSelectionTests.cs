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
}
