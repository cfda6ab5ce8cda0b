using ConformanceHarness.Running;
using ConformanceHarness.Scenarios;
using ConformanceHarness.Targets;

namespace ConformanceHarness.Tests.Scenarios;

public sealed class VariableUseTests
{
    private static readonly IReadOnlyList<string> Known = VariableSet.Create(new TargetProfile { Name = "t", Kind = "live" }, new Dictionary<string, string>()).Keys.ToList();

    private static Scenario Load(string dialogue)
    {
        var yaml = "title: t\nrule: RFC 5321 §4.1.1\nlevel: must\ndialogue: |\n" + string.Concat(dialogue.Split('\n').Select(l => "  " + l + "\n"));
        var (scenario, error) = ScenarioLoader.TryParse(yaml, "smtp/test/x", "x.yaml");
        Assert.That(error, Is.Null, error?.ToString());
        return scenario!;
    }

    [Test]
    public void FirstUndefined_ATypo_NamesTheVariableAndItsLine()
    {
        var error = VariableUse.FirstUndefined(Load("S: 220\nC: EHLO {{client}}\nS: 250\nC: MAIL FROM:<{{usr}}@{{domain}}>\nS: 250"), Known);
        Assert.That(error, Is.Not.Null);
        Assert.That(error!.Line, Is.EqualTo(8));
        Assert.That(error.Message, Does.Contain("{{usr}}"));
    }

    [Test]
    public void FirstUndefined_DefinedBySetCaptureOrLocate_IsNull()
    {
        var scenario = Load("S: 220 /^(?<host>\\S+)/\nSET who = {{user}}@{{host}}\nC: VRFY {{who}}\nS: 250\nASSERT same {{reply_code}} == {{reply_code}}");
        Assert.That(VariableUse.FirstUndefined(scenario, Known), Is.Null);
    }

    [Test]
    public void FirstUndefined_UsedBeforeItsSet_IsReported()
    {
        var error = VariableUse.FirstUndefined(Load("S: 220\nC: VRFY {{who}}\nSET who = {{user}}\nS: 250"), Known);
        Assert.That(error?.Message, Does.Contain("{{who}}"));
    }

    [Test]
    public void BundledCatalog_UsesOnlyDefinedVariables()
    {
        var root = Path.Combine(RepositoryLayout.FindRoot() ?? throw new InvalidOperationException("no repository"), "scenarios");
        var (scenarios, _) = ScenarioLoader.LoadDirectory(root);
        var undefined = scenarios.Select(s => VariableUse.FirstUndefined(s, Known)).OfType<ScenarioError>().Select(e => e.ToString()).ToList();
        Assert.That(undefined, Is.Empty);
    }
}
