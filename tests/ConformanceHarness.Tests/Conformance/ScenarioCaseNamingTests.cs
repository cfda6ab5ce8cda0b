using ConformanceHarness.Scenarios;
using ConformanceHarness.Targets;
using ConformanceHarness.Tests.Reporting;

namespace ConformanceHarness.Tests.Conformance;

/// <summary>How the NUnit conformance cases are named and categorised (no container needed).</summary>
public sealed class ScenarioCaseNamingTests
{
    [Test]
    public void Categories_NameEachRfcOfTheRule_TheLevel_AndEachTag()
    {
        var scenario = SampleReport.Scenario("pop3/rfc1939/7/user-pass-after-stls", Level.Must, "auth", "tls") with { Rule = "RFC 1939 §7, RFC 2595 §4" };
        var categories = ScenarioCases.Categories(scenario, new TargetProfile { Name = "dovecot", Kind = "container" });
        Assert.That(categories, Is.EqualTo(new[] { "RFC1939", "RFC2595", "must", "auth", "tls" }));
    }

    [Test]
    public void Categories_OfAControl_IncludeControl()
    {
        var scenario = SampleReport.Scenario("smtp/rfc5321/3.6/open-relay", Level.Security, "relay") with { Rule = "RFC 5321 §3.6, RFC 2505" };
        var categories = ScenarioCases.Categories(scenario, new TargetProfile { Name = "postfix-openrelay", Kind = "container", Control = true });
        Assert.That(categories, Is.EqualTo(new[] { "RFC5321", "RFC2505", "security", "relay", "Control" }));
    }

    [Test]
    public void Cases_CoverEveryBundledContainerTarget_WithTheScenariosOfItsProtocols()
    {
        var cases = ScenarioCases.Cases().ToList();
        var names = cases.Select(c => c.TestName!).ToList();
        Assert.That(names, Is.Not.Empty);
        Assert.That(names, Is.Unique);
        Assert.That(names.Where(n => !n.StartsWith("catalog:", StringComparison.Ordinal)), Has.All.Match(@"^(smtp|pop3)/\S+ @ [a-z0-9-]+$"));
        var targets = BundledTargets.LoadAll().Where(p => p.Kind == "container").ToList();
        foreach (var target in targets)
        {
            var own = names.Where(n => n.EndsWith($" @ {target.Name}", StringComparison.Ordinal)).ToList();
            Assert.That(own, Is.Not.Empty, target.Name);
            Assert.That(own.Select(n => n.Split('/')[0]), Has.All.AnyOf(target.Protocols.ToArray()), target.Name);
        }
    }
}
