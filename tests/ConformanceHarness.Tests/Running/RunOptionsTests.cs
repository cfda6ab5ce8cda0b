using ConformanceHarness.Running;

namespace ConformanceHarness.Tests.Running;

/// <summary>The scenario bound grows with the step timeout in one place, for run, compare and probe alike.</summary>
public sealed class RunOptionsTests
{
    [Test]
    public void WithStepTimeout_ShortStep_KeepsTheDefaultBound()
    {
        var options = new RunOptions().WithStepTimeout(TimeSpan.FromSeconds(2));
        Assert.That((options.Wire.StepTimeout, options.ScenarioTimeout), Is.EqualTo((TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(120))));
    }

    [Test]
    public void WithStepTimeout_LongStep_GrowsTheBoundToTwelveSteps()
    {
        var options = new RunOptions().WithStepTimeout(TimeSpan.FromSeconds(60));
        Assert.That(options.ScenarioTimeout, Is.EqualTo(TimeSpan.FromMinutes(12)));
    }

    [Test]
    public void WithStepTimeout_Allowance_IsAddedToTheSteps()
    {
        var options = new RunOptions().WithStepTimeout(TimeSpan.FromSeconds(30), allowance: TimeSpan.FromSeconds(90));
        Assert.That(options.ScenarioTimeout, Is.EqualTo(TimeSpan.FromSeconds(30 * 12 + 90)));
    }

    [Test]
    public void WithStepTimeout_BelowTheMinimum_IsRefused()
    {
        Assert.That(() => new RunOptions().WithStepTimeout(TimeSpan.FromMilliseconds(5)), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void ScenarioTimeout_Zero_IsRefused()
    {
        Assert.That(() => new RunOptions { ScenarioTimeout = TimeSpan.Zero }, Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("ScenarioTimeout must be from 10ms to 24h"));
    }
}
