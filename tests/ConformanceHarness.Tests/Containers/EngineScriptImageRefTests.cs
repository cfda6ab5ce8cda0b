using System.Diagnostics;
using ConformanceHarness.Containers;
using ConformanceHarness.Targets;

namespace ConformanceHarness.Tests.Containers;

/// <summary>
/// <c>.ci/engine.sh --build</c> tags each image as <see cref="ContainerImages"/> names it (the hash of its inputs), so
/// the main job's images, built while the CLI is published, are the ones the harness then finds instead of building
/// them again. The script's hash (bash, sha256sum) must equal <see cref="ContainerImages.InputsHash"/>.
/// </summary>
public sealed class EngineScriptImageRefTests
{
    [Test]
    public async Task EveryBundledImage_HasTheReferenceTheHarnessLooksFor()
    {
        var images = Path.Combine(RepositoryLayout.TargetsDirectory(Root), "images");
        var folders = Directory.GetDirectories(images).Where(d => File.Exists(Path.Combine(d, "Dockerfile"))).ToList();
        Assert.That(folders, Has.Count.GreaterThan(5));
        foreach (var folder in folders)
        {
            var name = Path.GetFileName(folder);
            Assert.That(await ScriptRefAsync(name), Is.EqualTo(HarnessRef(name, folder)), name);
        }
    }

    [Test]
    public async Task NestedFilesInOrdinalOrder_HashAlike_AndOneChangedByteChangesBoth()
    {
        // Names whose ordinal order differs from a culture's ("B" before "a"), a dot before a folder's slash, a subfolder.
        var folder = Directory.CreateTempSubdirectory("ch-image-ref-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "Dockerfile"), "FROM scratch\n");
            File.WriteAllText(Path.Combine(folder.FullName, "B"), "upper\n");
            File.WriteAllText(Path.Combine(folder.FullName, "a.txt"), "no newline at the end");
            Directory.CreateDirectory(Path.Combine(folder.FullName, "a"));
            File.WriteAllText(Path.Combine(folder.FullName, "a", "b"), "nested\n");
            var before = await ScriptRefAsync(folder.FullName);
            Assert.That(before, Is.EqualTo(HarnessRef(folder.Name, folder.FullName)));

            File.WriteAllText(Path.Combine(folder.FullName, "a", "b"), "nestee\n");
            var after = await ScriptRefAsync(folder.FullName);
            Assert.That(after, Is.Not.EqualTo(before), "the hash follows the content");
            Assert.That(after, Is.EqualTo(HarnessRef(folder.Name, folder.FullName)));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string Root => RepositoryLayout.FindRoot() ?? throw new InvalidOperationException("the tests run inside the repository");

    private static string HarnessRef(string name, string folder) =>
        $"conformance-harness/{name}:{ContainerImages.InputsHash(folder, ContainerImages.LocalBaseImage)}";

    private static async Task<string> ScriptRefAsync(string nameOrFolder)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", [Path.Combine(Root, ".ci", "engine.sh"), "--image-ref", nameOrFolder])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.That(process.ExitCode, Is.Zero, error);
        return output.Trim();
    }
}
