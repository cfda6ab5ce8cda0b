namespace ConformanceHarness.Cli.Catalog;

/// <summary>
/// Where the catalog is: <c>--scenarios DIR</c>, else <c>CONFORMANCE_HARNESS_SCENARIOS</c>, else the <c>scenarios</c>
/// folder of the repository (the folder holding ConformanceHarness.sln) above the working or the program's directory,
/// else the catalog packed beside the program (the <c>scenarios</c> folder of the installed .NET tool).
/// </summary>
public static class ScenarioFolder
{
    public const string EnvironmentVariable = "CONFORMANCE_HARNESS_SCENARIOS";

    /// <summary>The catalog the .NET tool package carries, beside the program.</summary>
    public static string Packaged => Path.Combine(AppContext.BaseDirectory, "scenarios");

    public static string Find(string? option, Func<string, string?> environment, IEnumerable<string> searchStarts, string? packaged = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(searchStarts);
        if (!string.IsNullOrWhiteSpace(option))
        {
            return Existing(option, "--scenarios");
        }

        var fromEnvironment = environment(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Existing(fromEnvironment, EnvironmentVariable);
        }

        var starts = searchStarts.ToList();
        foreach (var start in starts)
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "ConformanceHarness.sln")))
                {
                    return Existing(Path.Combine(directory.FullName, "scenarios"), "the repository");
                }
            }
        }

        if (packaged is not null && Directory.Exists(packaged))
        {
            return packaged;
        }

        throw new UsageException(
            $"cannot find the scenario catalog: no folder holding ConformanceHarness.sln above {string.Join(" or ", starts)}, and none packed with the program; " +
            $"give --scenarios DIR or set {EnvironmentVariable}");
    }

    private static string Existing(string path, string source) =>
        Directory.Exists(path) ? path : throw new UsageException($"the scenario folder '{path}' (from {source}) does not exist");
}
