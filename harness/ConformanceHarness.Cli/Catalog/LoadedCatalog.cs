using ConformanceHarness.Running;
using ConformanceHarness.Scenarios;
using ConformanceHarness.Targets;
using Spectre.Console;

namespace ConformanceHarness.Cli.Catalog;

/// <summary>The catalog as loaded from its folder: the scenarios, and the files that could not be read.</summary>
public sealed record LoadedCatalog(string Folder, IReadOnlyList<Scenario> Scenarios, IReadOnlyList<ScenarioError> Errors)
{
    /// <summary>Only the files a selection's prefixes and tags can match were read.</summary>
    public bool Partial { get; init; }

    /// <param name="reading">Read only the files that can hold these scenarios (their --select prefixes, their --tag words); default all.</param>
    public static LoadedCatalog Load(string folder, ScenarioSelection? reading = null)
    {
        var (loaded, errors) = ScenarioLoader.LoadDirectory(folder, reading is null ? null : reading.MayHold, reading is null ? null : reading.MayHoldText);
        var known = VariableSet.Create(new TargetProfile { Name = "catalog", Kind = "live" }, new Dictionary<string, string>()).Keys.ToList();
        var scenarios = new List<Scenario>();
        var all = errors.ToList();
        foreach (var scenario in loaded)
        {
            // A typo in a {{variable}} is the scenario's error, shown by list and before a run, never in the middle of one.
            if (VariableUse.FirstUndefined(scenario, known) is { } undefined)
            {
                all.Add(undefined);
            }
            else
            {
                scenarios.Add(scenario);
            }
        }

        return new LoadedCatalog(folder, scenarios, all) { Partial = reading is { Prefixes.Count: > 0 } or { Tags.Count: > 0 } };
    }

    /// <summary>
    /// A user's profile whose <c>deviations</c> or <c>must_fail</c> name a scenario this catalog does not have (a typo, a
    /// renamed scenario) would excuse or demand nothing, silently: a profile error at file:line before the run (exit 2).
    /// The bundled profiles are checked against the bundled catalog by the test suite, not against a catalog of the user's.
    /// </summary>
    public void CheckProfiles(IEnumerable<TargetProfile> profiles)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var ids = Scenarios.Select(s => s.Id).ToList();
        var problems = profiles
            .Where(IsChecked)
            .SelectMany(p => ProfilePatternCheck.Unmatched(p, ids))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (problems.Count > 0)
        {
            throw new UsageException(string.Join('\n', problems));
        }
    }

    /// <summary>Whether <see cref="CheckProfiles"/> checks this profile (a user's profile file): then the whole catalog must be read.</summary>
    public static bool IsChecked(TargetProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var bundled = RepositoryLayout.FindRoot() is { } root ? Path.GetFullPath(RepositoryLayout.TargetsDirectory(root)) : null;
        return profile.Source is { } source && Path.GetDirectoryName(Path.GetFullPath(source)) != bundled;
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
            throw new UsageException(Scenarios.Count == 0 && !Partial
                ? $"no scenarios in {Folder}"
                : $"no scenario matches {selection} ({(Partial ? string.Empty : $"{Scenarios.Count} ")}in {Folder}; see `conformance-harness list`)");
        }

        return selected;
    }
}
