namespace ConformanceHarness.Tests;

/// <summary>
/// With 16 NUnit workers (see TestParallelism.cs) each blocking on an async test, the thread pool — two threads at
/// first on a 2-core machine, one more about every half second — ran the continuations of sockets, fake servers and
/// timers late: a fake that delays a failed login by 0.5 s was measured at 0.9 s and graded like a server that delays
/// 1 s (CI, 2026-12-03). Enough threads from the start keep a timing figure the server's, not the test run's.
/// </summary>
[SetUpFixture]
public sealed class TestThreadPool
{
    [OneTimeSetUp]
    public void StartWithEnoughThreads()
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(completionPorts, 64));
    }
}
