namespace ConformanceHarness.Targets;

/// <summary>Finds the repository's folders (scenarios/, harness/targets/) from the current or the program's directory.</summary>
public static class RepositoryLayout
{
    /// <summary>The folder holding ConformanceHarness.sln, searching upward from the working directory, then from the program.</summary>
    public static string? FindRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ConformanceHarness.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }

    /// <summary>harness/targets: bundled profiles (*.yaml) and images/.</summary>
    public static string TargetsDirectory(string? root = null)
    {
        root ??= FindRoot() ?? throw new TargetSpecException("cannot find the repository (a folder with ConformanceHarness.sln) to load bundled targets from; run from inside the repository");
        return Path.Combine(root, "harness", "targets");
    }
}
