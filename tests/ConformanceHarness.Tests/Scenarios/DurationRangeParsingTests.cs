using ConformanceHarness.Scenarios;

namespace ConformanceHarness.Tests.Scenarios;

/// <summary>
/// Durations the run could not honour are load errors at their line: a <c>TIMEOUT 5ms</c> used to load and then end as
/// a harness Error mid-scenario, when Polly's timeout (10 ms at least) refused it.
/// </summary>
public sealed class DurationRangeParsingTests
{
    private const string File = "scenarios/smtp/x.yaml";

    [TestCase("TIMEOUT 5ms", "TIMEOUT 5ms: out of range, a step timeout must be from 10ms to 1h")]
    [TestCase("TIMEOUT 0s", "TIMEOUT 0s: out of range, a step timeout must be from 10ms to 1h")]
    [TestCase("TIMEOUT 61m", "TIMEOUT 61m: out of range, a step timeout must be from 10ms to 1h")]
    [TestCase("PAUSE 90m", "PAUSE 90m: out of range, a wait must be from 0ms to 1h")]
    [TestCase("EXPECT-SILENCE 3600m", "EXPECT-SILENCE 3600m: out of range, a wait must be from 0ms to 1h")]
    [TestCase("DELIVERED sink T within 2000m", "within 2000m: out of range, a wait must be from 0ms to 1h")]
    [TestCase("CONFIRM sink T within 61m : relayed", "within 61m: out of range, a wait must be from 0ms to 1h")]
    public void Load_DurationOutOfRange_IsALoadErrorAtItsFileLine(string step, string message)
    {
        var yaml = $"title: t\nrule: r\nlevel: must\ndialogue: |\n  S: 220\n  {step}\n  C: QUIT\n";
        var (scenario, error) = ScenarioLoader.TryParse(yaml, "smtp/x", File);
        Assert.That(scenario, Is.Null);
        Assert.That((error!.File, error.Line, error.Message), Is.EqualTo((File, 6, message)));
    }

    [TestCase("TIMEOUT 10ms")]
    [TestCase("TIMEOUT 60m")]
    [TestCase("PAUSE 0ms")]
    [TestCase("EXPECT-SILENCE 60m")]
    [TestCase("DELIVERED sink T within 0s")]
    public void Load_DurationAtTheEdgeOfItsRange_Loads(string step)
    {
        var yaml = $"title: t\nrule: r\nlevel: must\ndialogue: |\n  S: 220\n  {step}\n  C: QUIT\n";
        var (scenario, error) = ScenarioLoader.TryParse(yaml, "smtp/x", File);
        Assert.That(error, Is.Null, error?.ToString());
        Assert.That(scenario!.Steps, Has.Count.EqualTo(3));
    }
}
