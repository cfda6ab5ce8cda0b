namespace ConformanceHarness.Containers;

/// <summary>
/// One image reference is built by one process at a time on this host: the main job's <c>.ci/engine.sh --build</c>
/// builds the bundled images while the CLI is published and the CLI starts its targets meanwhile; a target whose image
/// the script is building waits for it here and then finds it built, instead of building it a second time beside it.
/// The lock is the file's flock: the script takes it with <c>flock</c>, .NET takes it on Unix when a file is opened with
/// <see cref="FileShare.None"/> (an exclusive, non-blocking flock; "in use" when another process holds it).
/// </summary>
internal sealed class ImageBuildLock : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    // Longer than any image build on a loaded machine; a lock still held then is taken for a stale holder.
    private static readonly TimeSpan GiveUp = TimeSpan.FromMinutes(20);
    private readonly FileStream? file;

    private ImageBuildLock(FileStream? file) => this.file = file;

    /// <summary>The lock file of <paramref name="reference"/>, as <c>.ci/engine.sh</c> names it: in $TMPDIR (else /tmp).</summary>
    public static string PathOf(string reference) =>
        Path.Combine(Path.GetTempPath(), "conformance-harness-build-" + reference.Replace('/', '_').Replace(':', '_') + ".lock");

    /// <summary>Waits until no other process builds <paramref name="reference"/>, then holds the lock until disposed.</summary>
    public static async Task<ImageBuildLock> AcquireAsync(string reference, CancellationToken cancellationToken)
    {
        var path = PathOf(reference);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new ImageBuildLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (clock.Elapsed < GiveUp)
            {
                // Held by another process (the script building it): wait and ask again.
                await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException)
            {
                return new ImageBuildLock(null);
            }
            catch (UnauthorizedAccessException)
            {
                // A lock file another user made and this one cannot open: build without it (the engine still
                // builds correctly, at worst twice).
                return new ImageBuildLock(null);
            }
        }
    }

    public void Dispose() => file?.Dispose();
}
