using System.Security.Cryptography;
using System.Text;
using DotNet.Testcontainers.Builders;

namespace ConformanceHarness.Containers;

/// <summary>
/// Builds target images from their Dockerfile folders, tagged by a hash of their inputs, so an image whose
/// inputs did not change is never rebuilt. The base image is a build argument: the locally imported
/// debootstrap image where there is no registry, debian:bookworm-slim elsewhere.
/// </summary>
public static class ContainerImages
{
    /// <summary>The image made by .ci/engine.sh from debootstrap when no registry can be reached.</summary>
    public const string LocalBaseImage = "conformance-harness/base:bookworm";

    // Independent images build side by side (one apt-get downloads while another unpacks), as many as there are cores (at least two);
    // one image is never built twice at once (postfix, its controls and dovecot share one folder, so one reference).
    private static readonly SemaphoreSlim BuildSlots = new(Math.Max(2, Environment.ProcessorCount), Math.Max(2, Environment.ProcessorCount));
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> ImageGates = new(StringComparer.Ordinal);

    /// <summary>Which base image to build on: $CONFORMANCE_HARNESS_BASE_IMAGE, else the local one if present, else debian:bookworm-slim.</summary>
    public static async Task<string> BaseImageAsync(DockerEngine engine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var configured = Environment.GetEnvironmentVariable("CONFORMANCE_HARNESS_BASE_IMAGE");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        return await engine.HasImageAsync(LocalBaseImage, cancellationToken).ConfigureAwait(false) ? LocalBaseImage : "debian:bookworm-slim";
    }

    /// <summary>
    /// Returns the reference of the image built from <paramref name="folder"/>, building it first if no image with
    /// the same inputs exists. <paramref name="log"/> hears what happens (building, reused).
    /// </summary>
    public static async Task<string> EnsureBuiltAsync(DockerEngine engine, string name, string folder, Action<string>? log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (!File.Exists(Path.Combine(folder, "Dockerfile")))
        {
            throw new Targets.TargetSpecException($"no Dockerfile in '{folder}'");
        }

        var baseImage = await BaseImageAsync(engine, cancellationToken).ConfigureAwait(false);
        var reference = $"conformance-harness/{Sanitize(name)}:{InputsHash(folder, baseImage)}";

        var gate = ImageGates.GetOrAdd(reference, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another process (the main job's .ci/engine.sh --build) may be building it right now: wait for that build.
            using var building = await ImageBuildLock.AcquireAsync(reference, cancellationToken).ConfigureAwait(false);
            if (await engine.HasImageAsync(reference, cancellationToken).ConfigureAwait(false))
            {
                log?.Invoke($"image {reference} is up to date");
                return reference;
            }

            await BuildSlots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await BuildAsync(engine, reference, folder, baseImage, log, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                BuildSlots.Release();
            }

            return reference;
        }
        finally
        {
            gate.Release();
        }
    }

    private static async Task BuildAsync(DockerEngine engine, string reference, string folder, string baseImage, Action<string>? log, CancellationToken cancellationToken)
    {
        log?.Invoke($"building image {reference} from {folder} on {baseImage}");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var image = new ImageFromDockerfileBuilder()

            // Built on the engine that will run it (and that HasImageAsync just asked).
            .WithDockerEndpoint(engine.Endpoint)
            .WithDockerfileDirectory(folder)
            .WithDockerfile("Dockerfile")
            .WithName(reference)
            .WithBuildArgument("BASE_IMAGE", baseImage)
            .WithCleanUp(false)
            .WithDeleteIfExists(false)
            .WithLogger(Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance)

            // Builds reach Debian's mirror through the host network; running containers get no egress.
            .WithCreateParameterModifier(p => p.NetworkMode = "host")
            .Build();
        await image.CreateAsync(cancellationToken).ConfigureAwait(false);
        if (!await engine.HasImageAsync(reference, cancellationToken).ConfigureAwait(false))
        {
            throw new Targets.TargetStartException($"building {reference} from {folder} produced no image; run `docker build --network host --build-arg BASE_IMAGE={baseImage} {folder}` to see why");
        }

        log?.Invoke($"built image {reference} in {clock.Elapsed.TotalSeconds:0.0}s");
    }

    /// <summary>A hash of every file in the folder (path and content) and the base image.</summary>
    public static string InputsHash(string folder, string baseImage)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(baseImage + "\n"));
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(folder, file).Replace('\\', '/') + "\n"));
            hash.AppendData(File.ReadAllBytes(file));
        }

        return Convert.ToHexString(hash.GetHashAndReset())[..12].ToLowerInvariant();
    }

    private static string Sanitize(string name) =>
        new(name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-').ToArray());
}
