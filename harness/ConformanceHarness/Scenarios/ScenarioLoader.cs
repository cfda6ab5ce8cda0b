namespace ConformanceHarness.Scenarios;

/// <summary>
/// Loads the catalog: every <c>*.yaml</c> below a root folder is one scenario. A malformed file becomes a
/// <see cref="ScenarioError"/> naming file and line; the other files still load.
/// </summary>
public static class ScenarioLoader
{
    /// <summary>
    /// Fewer files than this parse on the calling thread: a one-scenario run would spend more starting the parallel
    /// machinery (and compiling it) than parsing.
    /// </summary>
    private const int ParallelFrom = 16;

    private static readonly HashSet<string> KnownKeys = ["title", "rule", "level", "tags", "requires", "role", "why", "quote", "dialogue"];

    /// <param name="wanted">Given a file's id (its path below the root without .yaml / .table.yaml), or a folder's id: whether
    /// to read it (a folder: whether to look inside); default all.</param>
    /// <param name="textWanted">Given a file's text, before it is parsed: whether it can hold a wanted scenario; default all.</param>
    public static (IReadOnlyList<Scenario> Scenarios, IReadOnlyList<ScenarioError> Errors) LoadDirectory(
        string root, Func<string, bool>? wanted = null, Func<string, bool>? textWanted = null)
    {
        var scenarios = new List<Scenario>();
        var errors = new List<ScenarioError>();
        if (!Directory.Exists(root))
        {
            errors.Add(new ScenarioError(root, 0, "the scenario folder does not exist"));
            return (scenarios, errors);
        }

        var files = new List<string>();
        Collect(root, root, wanted, files);
        files.Sort(StringComparer.Ordinal);
        var loaded = new (IReadOnlyList<Scenario> Scenarios, IReadOnlyList<ScenarioError> Errors)[files.Count];
        if (files.Count < ParallelFrom)
        {
            for (var i = 0; i < files.Count; i++)
            {
                loaded[i] = LoadFile(root, files[i], textWanted);
            }
        }
        else
        {
            // Files parse independently: the whole catalog (list, --tag) in parallel, results kept in path order.
            Parallel.For(0, files.Count, i => loaded[i] = LoadFile(root, files[i], textWanted));
        }

        foreach (var (generated, fileErrors) in loaded)
        {
            scenarios.AddRange(generated);
            errors.AddRange(fileErrors);
        }

        return (scenarios, errors);
    }

    /// <summary>The *.yaml files below <paramref name="folder"/>, skipping the folders <paramref name="wanted"/> rules out.</summary>
    private static void Collect(string root, string folder, Func<string, bool>? wanted, List<string> files)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*.yaml"))
        {
            if (wanted is null || wanted(FileId(root, file)))
            {
                files.Add(file);
            }
        }

        foreach (var child in Directory.EnumerateDirectories(folder))
        {
            if (wanted is null || wanted(Path.GetRelativePath(root, child).Replace('\\', '/')))
            {
                Collect(root, child, wanted, files);
            }
        }
    }

    /// <summary>A file's path below the root without .yaml / .table.yaml: the id of its scenario, or the prefix of its table's.</summary>
    private static string FileId(string root, string file)
    {
        var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
        return relative.EndsWith(ScenarioTable.Extension, StringComparison.Ordinal) ? relative[..^ScenarioTable.Extension.Length] : relative[..^".yaml".Length];
    }

    /// <summary>One file: a scenario, or a table's scenarios, and its errors (none of either when its text is not wanted).</summary>
    private static (IReadOnlyList<Scenario> Scenarios, IReadOnlyList<ScenarioError> Errors) LoadFile(string root, string file, Func<string, bool>? textWanted)
    {
        var id = FileId(root, file);
        var text = File.ReadAllText(file);
        if (textWanted is not null && !textWanted(text))
        {
            return ([], []);
        }

        if (file.EndsWith(ScenarioTable.Extension, StringComparison.Ordinal))
        {
            return ScenarioTable.Expand(text, id, file);
        }

        var (scenario, error) = TryParse(text, id, file);
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
