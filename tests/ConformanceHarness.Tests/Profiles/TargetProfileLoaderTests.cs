using ConformanceHarness.Targets;

namespace ConformanceHarness.Tests.Profiles;

public sealed class TargetProfileLoaderTests
{
    private string folder = string.Empty;

    [SetUp]
    public void SetUp() => folder = Directory.CreateTempSubdirectory("ch-profiles-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(folder, recursive: true);

    [Test]
    public void UnknownKey_NamesTheKeyAndTheAllowedOnes_NotADotNetType()
    {
        var file = Write("typo", "name: typo\nfeaturs: [stls]\n");
        var error = Assert.Throws<TargetSpecException>(() => TargetProfileLoader.LoadFile(file))!;
        Assert.That(error.Message, Does.Contain(":2:").And.Contain("unknown key 'featurs'").And.Contain("features").And.Contain("deviations_from"));
        Assert.That(error.Message, Does.Not.Contain("ProfileDocument").And.Not.Contain("ConformanceHarness."));
    }

    [Test]
    public void StepTimeout_IsReadAsADuration_AndCheckedAgainstTheStepTimeoutRange()
    {
        Assert.That(TargetProfileLoader.LoadFile(Write("slow", "name: slow\nstep_timeout: 20s\n")).StepTimeout, Is.EqualTo(TimeSpan.FromSeconds(20)));
        Assert.That(TargetProfileLoader.LoadFile(Write("plain", "name: plain\n")).StepTimeout, Is.Null);
        var error = Assert.Throws<TargetSpecException>(() => TargetProfileLoader.LoadFile(Write("bad", "name: bad\nstep_timeout: 2ms\n")))!;
        Assert.That(error.Message, Does.Contain("step_timeout '2ms'").And.Contain("from 10ms to 1h"));
    }

    [Test]
    public void UnknownKey_InASection_NamesTheSection()
    {
        var file = Write("typo", "name: typo\nidentity:\n  domian: example.test\n");
        var error = Assert.Throws<TargetSpecException>(() => TargetProfileLoader.LoadFile(file))!;
        Assert.That(error.Message, Does.Contain("unknown key 'domian' in 'identity'").And.Contain("domain"));
    }

    [Test]
    public void DeviationsFrom_TakesTheBaseProfilesDeviationsFirst_ThenItsOwn()
    {
        Write("base", "name: base\ndeviations:\n  - { scenario: smtp/a, rule: RFC 5321 §1, why: base a }\n  - { scenario: smtp/b/*, rule: RFC 5321 §2, why: base b }\n");
        var variant = Write("variant", "name: variant\ncontrol: true\ndeviations_from: base\ndeviations:\n  - { scenario: smtp/c, rule: RFC 5321 §3, why: own c }\nmust_fail: [smtp/relay/plain]\n");

        var profile = TargetProfileLoader.LoadFile(variant);

        Assert.Multiple(() =>
        {
            Assert.That(profile.Deviations.Select(d => $"{d.Scenario}: {d.Why}"), Is.EqualTo(new[] { "smtp/a: base a", "smtp/b/*: base b", "smtp/c: own c" }));
            Assert.That(profile.MustFail, Is.EqualTo(new[] { "smtp/relay/plain" }), "only deviations are inherited");
            Assert.That(profile.Control, Is.True);
        });
    }

    [Test]
    public void Deviation_ScenariosList_GivesOneRecordPerId_SharingRuleWhyAndReply()
    {
        var file = Write("many", "name: many\ndeviations:\n  - scenarios: [smtp/a, smtp/b]\n    rule: RFC 5321 §4.1.4\n    why: one catch-all reply\n    reply: 502 ESMTP command error\n  - { scenario: smtp/c, rule: RFC 5321 §3, why: own c }\n");

        var profile = TargetProfileLoader.LoadFile(file);

        Assert.That(profile.Deviations.Select(d => $"{d.Scenario} | {d.Rule} | {d.Why} | {d.Reply}"), Is.EqualTo(new[]
        {
            "smtp/a | RFC 5321 §4.1.4 | one catch-all reply | 502 ESMTP command error",
            "smtp/b | RFC 5321 §4.1.4 | one catch-all reply | 502 ESMTP command error",
            "smtp/c | RFC 5321 §3 | own c | ",
        }));
    }

    [Test]
    public void DeviationsFrom_AMissingBase_SaysWhichFileIsMissing()
    {
        var variant = Write("variant", "name: variant\ndeviations_from: nowhere\n");
        var error = Assert.Throws<TargetSpecException>(() => TargetProfileLoader.LoadFile(variant));
        Assert.That(error!.Message, Does.Contain("variant.yaml").And.Contain("there is no nowhere.yaml beside this profile"));
    }

    [Test]
    public void DeviationsFrom_ACycle_IsAnErrorNotAHang()
    {
        Write("a", "name: a\ndeviations_from: b\n");
        var b = Write("b", "name: b\ndeviations_from: a\n");
        var error = Assert.Throws<TargetSpecException>(() => TargetProfileLoader.LoadFile(b));
        Assert.That(error!.Message, Does.Contain("more than 4 profiles deep"));
    }

    [TestCase("postfix-openrelay", "postfix")]
    [TestCase("postfix-authcleartext", "postfix")]
    [TestCase("exim-openrelay", "exim")]
    [TestCase("dovecot-cleartext", "dovecot")]
    public void BundledControls_CarryTheirBasesDeviations(string control, string baseName)
    {
        var targets = RepositoryLayout.TargetsDirectory(null);
        var controlProfile = TargetProfileLoader.LoadFile(Path.Combine(targets, control + ".yaml"));
        var baseProfile = TargetProfileLoader.LoadFile(Path.Combine(targets, baseName + ".yaml"));
        Assert.That(controlProfile.Deviations.Select(d => d.Scenario), Is.SupersetOf(baseProfile.Deviations.Select(d => d.Scenario)));
        Assert.That(controlProfile.MustFail, Is.Not.Empty, "a control names what it is built to fail");
    }

    private string Write(string name, string yaml)
    {
        var path = Path.Combine(folder, name + ".yaml");
        File.WriteAllText(path, yaml);
        return path;
    }
}
