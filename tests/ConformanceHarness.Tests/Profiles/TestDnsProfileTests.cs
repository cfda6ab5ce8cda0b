using ConformanceHarness.Targets;

namespace ConformanceHarness.Tests.Profiles;

/// <summary><c>container: { dns: testdns }</c>: the launcher's cue to start the test zone, and the feature sender-auth scenarios require.</summary>
public sealed class TestDnsProfileTests
{
    [Test]
    public void Dns_IsReadAndGivesTheTestDnsFeature()
    {
        var profile = TargetProfileLoader.Parse("name: x\ncontainer: { image: postfix, dns: testdns }\nfeatures: [starttls]\n", "x.yaml");

        Assert.That(profile.Container!.Dns, Is.EqualTo("testdns"));
        Assert.That(profile.Features, Is.EqualTo(new[] { "starttls", "testdns" }));
    }

    [Test]
    public void NoDns_NoTestDnsFeature()
    {
        var profile = TargetProfileLoader.Parse("name: x\ncontainer: { image: postfix }\n", "x.yaml");

        Assert.That(profile.Container!.Dns, Is.Null);
        Assert.That(profile.Features, Is.Empty);
    }

    [Test]
    public void Bundled_EnforcingVariantsAndTheirBases_ResolveTheTestZone()
    {
        var all = BundledTargets.LoadAll().ToDictionary(p => p.Name);

        Assert.That(new[] { "postfix", "postfix-enforce", "exim", "exim-enforce" }.Select(n => all[n].Container!.Dns), Is.All.EqualTo("testdns"));
    }

    [TestCase("postfix")]
    [TestCase("exim")]
    public void EnforcingVariant_InheritsItsBasesDeviations_ButNotTheSenderAuthOneItFixes(string name)
    {
        var all = BundledTargets.LoadAll().ToDictionary(p => p.Name);
        var inherited = all[name].Deviations.Select(d => d.Scenario).ToList();
        var variant = all[name + "-enforce"].Deviations.Select(d => d.Scenario).ToList();

        Assert.That(inherited, Does.Contain("smtp/senderauth/*"), "the default install's findings are explained in its profile");
        Assert.That(variant, Does.Not.Contain("smtp/senderauth/*"), "fixes: drops it, so a regression of the enforcing variant fails");
        Assert.That(variant, Is.SupersetOf(inherited.Where(s => s != "smtp/senderauth/*")));
    }

    [Test]
    public async Task Companions_AreDisposedWithTheTarget_LastFirst()
    {
        var order = new List<string>();
        var target = new RunningTarget(new TargetProfile { Name = "x", Kind = "process" }, new Dictionary<string, RoleEndpoint>(), live: false);
        target.Companions.Add(new Recorder("dns", order));
        target.Companions.Add(new Recorder("second", order));

        await target.DisposeAsync();

        Assert.That(order, Is.EqualTo(new[] { "second", "dns" }));
    }

    private sealed class Recorder(string name, List<string> order) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            order.Add(name);
            return ValueTask.CompletedTask;
        }
    }
}
