namespace ConformanceHarness.Targets;

/// <summary>The bundled target catalog: one profile per file in harness/targets/*.yaml.</summary>
public static class BundledTargets
{
    public static IReadOnlyList<TargetProfile> LoadAll(string? repoRoot = null)
    {
        var directory = RepositoryLayout.TargetsDirectory(repoRoot);
        return Directory.EnumerateFiles(directory, "*.yaml")
            .Order(StringComparer.Ordinal)
            .Select(TargetProfileLoader.LoadFile)
            .ToList();
    }

    public static TargetProfile Load(string name, string? repoRoot = null)
    {
        var all = LoadAll(repoRoot);
        return all.FirstOrDefault(p => p.Name == name)
            ?? throw new TargetSpecException($"no bundled target named '{name}'; bundled targets: {string.Join(", ", all.Select(p => p.Name))}");
    }
}
