namespace ConformanceHarness.Scenarios;

/// <summary>
/// Loads the catalog: every <c>*.yaml</c> below a root folder is one scenario. A malformed file becomes a
/// <see cref="ScenarioError"/> naming file and line; the other files still load.
/// </summary>
public static class ScenarioLoader
{
    private static readonly HashSet<string> KnownKeys = ["title", "rule", "level", "tags", "requires", "role", "why", "quote", "dialogue"];

    public static (IReadOnlyList<Scenario> Scenarios, IReadOnlyList<ScenarioError> Errors) LoadDirectory(string root)
    {
        var scenarios = new List<Scenario>();
        var errors = new List<ScenarioError>();
        if (!Directory.Exists(root))
        {
            errors.Add(new ScenarioError(root, 0, "the scenario folder does not exist"));
            return (scenarios, errors);
        }

        foreach (var file in Directory.EnumerateFiles(root, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (relative.EndsWith(ScenarioTable.Extension, StringComparison.Ordinal))
            {
                var (generated, tableErrors) = ScenarioTable.Expand(File.ReadAllText(file), relative[..^ScenarioTable.Extension.Length], file);
                scenarios.AddRange(generated);
                errors.AddRange(tableErrors);
                continue;
            }

            var id = relative[..^".yaml".Length];
            var (scenario, error) = TryParse(File.ReadAllText(file), id, file);
            if (scenario is not null)
            {
                scenarios.Add(scenario);
            }
            else
            {
                errors.Add(error!);
            }
        }

        return (scenarios, errors);
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
