using System.Diagnostics;
using ConformanceHarness.Containers;

namespace ConformanceHarness.Tests.Containers;

/// <summary>
/// The harness waits for an image build another process holds the lock of (<c>.ci/engine.sh --build</c> takes it with
/// <c>flock</c>), and the script waits for the harness's: the same file, the same lock.
/// </summary>
public sealed class ImageBuildLockTests
{
    [Test]
    public async Task HeldByFlock_IsWaitedFor_ThenTaken()
    {
        var reference = $"conformance-harness/lock-test:{Guid.NewGuid():N}";
        var path = ImageBuildLock.PathOf(reference);
        try
        {
            // flock holds it for 2 s (the script's build), after it printed that it holds it.
            using var holder = Process.Start(new ProcessStartInfo("flock", ["-x", path, "-c", "echo held; sleep 2"]) { RedirectStandardOutput = true })!;
            Assert.That(await holder.StandardOutput.ReadLineAsync(), Is.EqualTo("held"));
            var clock = Stopwatch.StartNew();
            using (await ImageBuildLock.AcquireAsync(reference, CancellationToken.None))
            {
                Assert.That(clock.Elapsed, Is.GreaterThan(TimeSpan.FromSeconds(1)), "taken while flock still held it");

                // And the other way: while the harness holds it, flock cannot take it.
                using var tryLock = Process.Start(new ProcessStartInfo("flock", ["-n", "-x", path, "true"]))!;
                await tryLock.WaitForExitAsync();
                Assert.That(tryLock.ExitCode, Is.EqualTo(1), "flock -n took the lock the harness holds");
            }

            var free = Stopwatch.StartNew();
            using (await ImageBuildLock.AcquireAsync(reference, CancellationToken.None))
            {
                Assert.That(free.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1)), "a free lock is taken at once");
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
