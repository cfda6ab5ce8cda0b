using ConformanceHarness.Scenarios;
using Spectre.Console;

namespace ConformanceHarness.Cli.Catalog;

/// <summary>The catalog as loaded from its folder: the scenarios, and the files that could not be read.</summary>
public sealed record LoadedCatalog(string Folder, IReadOnlyList<Scenario> Scenarios, IReadOnlyList<ScenarioError> Errors)
{
    public static LoadedCatalog Load(string folder)
    {
        var (scenarios, errors) = ScenarioLoader.LoadDirectory(folder);
        return new LoadedCatalog(folder, scenarios, errors);
    }

    /// <summary>Prints each load error as <c>file:line: message</c> (what editors and CI annotate).</summary>
    public void ReportErrors(IAnsiConsole error)
    {
        ArgumentNullException.ThrowIfNull(error);
        foreach (var loadError in Errors)
        {
            error.MarkupLine($"[red]{Markup.Escape(loadError.ToString())}[/]");
        }

        if (Errors.Count > 0)
        {
            error.MarkupLine($"[red]{Errors.Count} scenario file(s) could not be loaded; going on with the other {Scenarios.Count} scenario(s)[/]");
        }
    }

    /// <summary>The selected scenarios; an empty selection is a usage error.</summary>
    public IReadOnlyList<Scenario> Select(ScenarioSelection selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var selected = selection.Apply(Scenarios);
        if (selected.Count == 0)
        {
            throw new UsageException(Scenarios.Count == 0
                ? $"no scenarios in {Folder}"
                : $"no scenario matches {selection} ({Scenarios.Count} in {Folder}; see `conformance-harness list`)");
        }

        return selected;
    }
}
