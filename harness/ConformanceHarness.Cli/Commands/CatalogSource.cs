using System.CommandLine;
using ConformanceHarness.Cli.Catalog;

namespace ConformanceHarness.Cli.Commands;

/// <summary>The global <c>--scenarios DIR</c> option, and loading the catalog it points to (load errors go to stderr).</summary>
internal sealed class CatalogSource
{
    private readonly CliHost host;

    public CatalogSource(CliHost host)
    {
        this.host = host;
    }

    public Option<string?> Folder { get; } = new("--scenarios")
    {
        Description = $"The scenario catalog folder [default: {ScenarioFolder.EnvironmentVariable}, else scenarios/ of the repository (the folder with ConformanceHarness.sln) above the working directory or the program, else the catalog installed with the tool]",
        HelpName = "DIR",
        Recursive = true,
    };

    /// <param name="reading">Read only the files under its --select prefixes (a one-scenario run starts without parsing the whole catalog).</param>
    public LoadedCatalog Load(ParseResult parse, ScenarioSelection? reading = null)
    {
        var folder = ScenarioFolder.Find(parse.GetValue(Folder), host.GetEnvironmentVariable, host.SearchStarts, host.PackagedCatalog);
        var catalog = LoadedCatalog.Load(folder, reading);
        catalog.ReportErrors(host.Error);
        return catalog;
    }
}
