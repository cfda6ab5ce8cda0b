using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ConformanceHarness.Targets;
using ConformanceHarness.Tests.Support;

namespace ConformanceHarness.Tests.Processes;

public sealed class GreetingWaitTests
{
    [Test]
    public void WaitAsync_NothingEverListens_GivesUpAtTheDeadline()
    {
        using var refused = new RefusedPort();
        var port = refused.Port;
        var clock = Stopwatch.StartNew();
        var error = Assert.ThrowsAsync<TargetStartException>(() => GreetingWait.WaitAsync(new RoleEndpoint("127.0.0.1", port, false), "smtp", TimeSpan.FromSeconds(1.5), null, CancellationToken.None))!;
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "refused attempts are retried only until the deadline");
        Assert.That(error.Message, Does.Contain("did not greet within 1.5s"));
    }

    [Test]
    public void WaitAsync_ListensButNeverGreets_SaysWhatItWaitedFor()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var error = Assert.ThrowsAsync<TargetStartException>(() => GreetingWait.WaitAsync(new RoleEndpoint("127.0.0.1", port, false), "smtp", TimeSpan.FromSeconds(30), null, CancellationToken.None))!;
        Assert.That(error.Message, Does.Contain("accepted the connection but sent no greeting within 10s"));
        Assert.That(error.Message, Does.Not.Contain("operation was canceled"));
    }
}
