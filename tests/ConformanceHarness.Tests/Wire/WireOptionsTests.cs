using ConformanceHarness.Wire;

namespace ConformanceHarness.Tests.Wire;

/// <summary>Options refuse a bad value where it is set, naming the option and its range (as Polly's options do).</summary>
public sealed class WireOptionsTests
{
    [Test]
    public void StepTimeout_BelowPollysMinimum_IsRefusedWithItsRange()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _ = WireOptions.Default with { StepTimeout = TimeSpan.FromMilliseconds(5) });
        Assert.That(error!.ParamName, Is.EqualTo("StepTimeout"));
        Assert.That(error.Message, Does.StartWith("StepTimeout must be from 10ms to 1h (got 5ms)"));
    }

    [Test]
    public void StepTimeout_OverAnHour_IsRefused()
    {
        Assert.That(() => new WireOptions { StepTimeout = TimeSpan.FromHours(2) }, Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void StepTimeout_AtTheEdges_IsKept()
    {
        Assert.That(new WireOptions { StepTimeout = TimeSpan.FromMilliseconds(10) }.StepTimeout, Is.EqualTo(TimeSpan.FromMilliseconds(10)));
        Assert.That(new WireOptions { StepTimeout = TimeSpan.FromHours(1) }.StepTimeout, Is.EqualTo(TimeSpan.FromHours(1)));
    }

    [Test]
    public void ConnectTimeout_Zero_IsRefused()
    {
        Assert.That(() => new WireOptions { ConnectTimeout = TimeSpan.Zero }, Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("ConnectTimeout must be from 10ms to 1h"));
    }

    [TestCase(nameof(WireOptions.MaxLineBytes), 511)]
    [TestCase(nameof(WireOptions.MaxReplyLines), 0)]
    [TestCase(nameof(WireOptions.MaxBodyBytes), -1)]
    public void Limits_OutOfRange_AreRefused(string name, int value)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _ = name switch
        {
            nameof(WireOptions.MaxLineBytes) => new WireOptions { MaxLineBytes = value },
            nameof(WireOptions.MaxReplyLines) => new WireOptions { MaxReplyLines = value },
            _ => new WireOptions { MaxBodyBytes = value },
        });
        Assert.That(error!.ParamName, Is.EqualTo(name));
        Assert.That(error.Message, Does.Contain($"(got {value})"));
    }

    [Test]
    public void Defaults_AreInRange()
    {
        Assert.That(WireOptions.StepTimeoutRange.Contains(WireOptions.Default.StepTimeout), Is.True);
        Assert.That(WireOptions.ConnectTimeoutRange.Contains(WireOptions.Default.ConnectTimeout), Is.True);
    }
}
