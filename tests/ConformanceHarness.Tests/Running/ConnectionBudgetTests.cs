using ConformanceHarness.Running;

namespace ConformanceHarness.Tests.Running;

/// <summary>The per-target connection budget: halves on a limit signal, grows back slowly, grants in order.</summary>
public sealed class ConnectionBudgetTests
{
    [Test]
    public void Refused_HalvesThePermittedNumber_OncePerInterval_NeverBelowOne()
    {
        var time = new ManualTime();
        var budget = new ConnectionBudget(8, time);
        budget.Refused();
        budget.Refused();
        Assert.That((budget.Permitted, budget.Refusals), Is.EqualTo((4, 2)), "two refusals of one moment are one signal");
        foreach (var _ in Enumerable.Range(0, 5))
        {
            time.Advance(TimeSpan.FromSeconds(1));
            budget.Refused();
        }

        Assert.That((budget.Permitted, budget.Lowest), Is.EqualTo((1, 1)));
    }

    [Test]
    public void Served_GrowsBackSlowly_UpToTheCeiling()
    {
        var budget = new ConnectionBudget(4, new ManualTime());
        budget.Refused();
        Assert.That(budget.Permitted, Is.EqualTo(2));
        var greetings = 0;
        while (budget.Permitted < 3)
        {
            budget.Served();
            greetings++;
        }

        Assert.That(greetings, Is.EqualTo(10), "a quarter connection per permitted connection per greeting: 2 → 3 in 10 greetings");
        foreach (var _ in Enumerable.Range(0, 1000))
        {
            budget.Served();
        }

        Assert.That((budget.Permitted, budget.Lowest), Is.EqualTo((4, 2)));
    }

    [Test]
    public async Task AcquireAsync_BeyondThePermitted_WaitsForARelease_InOrder()
    {
        var budget = new ConnectionBudget(2, new ManualTime());
        var first = await budget.AcquireAsync(1, CancellationToken.None);
        var second = await budget.AcquireAsync(1, CancellationToken.None);
        var large = budget.AcquireAsync(2, CancellationToken.None);
        var small = budget.AcquireAsync(1, CancellationToken.None);
        first.Dispose();
        await Task.Delay(50);
        Assert.That((large.IsCompleted, small.IsCompleted), Is.EqualTo((false, false)), "the small request must not overtake the large one");
        second.Dispose();
        (await large).Dispose();
        (await small).Dispose();
    }

    [Test]
    public async Task AcquireAsync_MoreThanPermitted_RunsAloneOnAnIdleTarget()
    {
        var budget = new ConnectionBudget(1, new ManualTime());
        using var lease = await budget.AcquireAsync(3, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        var next = budget.AcquireAsync(1, CancellationToken.None);
        await Task.Delay(50);
        Assert.That(next.IsCompleted, Is.False);
        lease.Dispose();
        (await next.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Test]
    public async Task AcquireAsync_Cancelled_LeavesTheQueue()
    {
        var budget = new ConnectionBudget(1, new ManualTime());
        var held = await budget.AcquireAsync(1, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = budget.AcquireAsync(1, cancel.Token);
        await cancel.CancelAsync();
        Assert.That(async () => await waiting, Throws.InstanceOf<OperationCanceledException>());
        held.Dispose();
        (await budget.AcquireAsync(1, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    private sealed class ManualTime : TimeProvider
    {
        private long ticks = 1;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => ticks;

        public void Advance(TimeSpan by) => ticks += by.Ticks;
    }
}
