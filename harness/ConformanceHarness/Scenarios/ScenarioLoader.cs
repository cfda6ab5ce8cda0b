namespace ConformanceHarness.Scenarios;

/// <summary>
/// Loads the catalog: every <c>*.yaml</c> below a root folder is one scenario. A malformed file becomes a
/// <see cref="ScenarioError"/> naming file and line; the other files still load.
/// </summary>
public static class ScenarioLoader
{
    private static readonly HashSet<string> KnownKeys = ["title", "rule", "level", "tags", "requires", "role", "why", "quote", "dialogue"];

    /// <param name="wanted">Given a file's id (its path below the root without .yaml / .table.yaml): whether to read it; default all.</param>
    public static (IReadOnlyList<Scenario> Scenarios, IReadOnlyList<ScenarioError> Errors) LoadDirectory(string root, Func<string, bool>? wanted = null)
    {
        var scenarios = new List<Scenario>();
        var errors = new List<ScenarioError>();
        if (!Directory.Exists(root))
        {
            errors.Add(new ScenarioError(root, 0, "the scenario folder does not exist"));
            return (scenarios, errors);
        }

        // Files parse independently: in parallel (the catalog is most of `list`'s start-up), results in path order.
        var files = Directory.EnumerateFiles(root, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Where(file => wanted is null || wanted(FileId(root, file))).ToList();
        foreach (var (generated, fileErrors) in files.AsParallel().AsOrdered().Select(file => LoadFile(root, file)))
        {
            scenarios.AddRange(generated);
            errors.AddRange(fileErrors);
        }

        return (scenarios, errors);
    }

    /// <summary>A file's path below the root without .yaml / .table.yaml: the id of its scenario, or the prefix of its table's.</summary>
    private static string FileId(string root, string file)
    {
        var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
        return relative.EndsWith(ScenarioTable.Extension, StringComparison.Ordinal) ? relative[..^ScenarioTable.Extension.Length] : relative[..^".yaml".Length];
    }

    /// <summary>One file: a scenario, or a table's scenarios, and its errors.</summary>
    private static (IReadOnlyList<Scenario> Scenarios, IReadOnlyList<ScenarioError> Errors) LoadFile(string root, string file)
    {
        var id = FileId(root, file);
        if (file.EndsWith(ScenarioTable.Extension, StringComparison.Ordinal))
        {
            return ScenarioTable.Expand(File.ReadAllText(file), id, file);
        }

        var (scenario, error) = TryParse(File.ReadAllText(file), id, file);
        return scenario is not null ? ([scenario], []) : ([], [error!]);
    }

    /// <summary>Parses one scenario file's text. Never throws for bad input.</summary>
    public static (Scenario? Scenario, ScenarioError? Error) TryParse(string yaml, string id, string file)
    {
        try
        {
            return (Parse(yaml, id, file), null);
        }
        catch (ScenarioFormatException e)
        {
            return (null, new ScenarioError(file, SourceLines.Within(e.Line, yaml), e.Message));
        }
    }

    private static Scenario Parse(string yaml, string id, string file)
    {
        var root = ScenarioKeys.LoadMapping(yaml, "title, rule, level and dialogue");
        ScenarioKeys.RejectUnknown(root, KnownKeys);
        var protocol = ScenarioKeys.Protocol(id);
        var level = ScenarioKeys.Level(ScenarioKeys.Required(root, "level"));
        var role = ScenarioKeys.Role(root, protocol);
        var dialogueNode = ScenarioKeys.Required(root, "dialogue");
        var dialogue = dialogueNode.Value ?? string.Empty;
        var steps = DialogueParser.Parse(dialogue, ScenarioKeys.FirstLine(dialogueNode));

        return new Scenario
        {
            Id = id,
            File = file,
            Title = ScenarioKeys.Required(root, "title").Value!,
            Rule = ScenarioKeys.Required(root, "rule").Value!,
            Level = level,
            Protocol = protocol,
            Role = role,
            Tags = ScenarioKeys.List(root, "tags"),
            Requires = ScenarioKeys.List(root, "requires"),
            Why = ScenarioKeys.Optional(root, "why")?.Value,
            Quote = ScenarioKeys.Optional(root, "quote")?.Value,
            Steps = steps,
            Dialogue = dialogue,
        };
    }
}
