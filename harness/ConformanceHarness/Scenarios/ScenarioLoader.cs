using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

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
        catch (YamlException e)
        {
            return (null, new ScenarioError(file, SourceLines.Within(e.Start.Line, yaml), $"not valid YAML: {e.InnerException?.Message ?? e.Message}"));
        }
    }

    private static Scenario Parse(string yaml, string id, string file)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(yaml))
        {
            var parser = new Parser(reader);
            try
            {
                stream.Load(parser);
            }
            catch (InvalidOperationException e)
            {
                // YamlDotNet's scanner sometimes gives up this way (e.g. an unclosed '[' list) instead of a YamlException.
                throw new ScenarioFormatException((int)(parser.Current?.End.Line ?? 1), $"not valid YAML: {e.Message}");
            }
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new ScenarioFormatException(1, "expected one YAML mapping with title, rule, level and dialogue");
        }

        foreach (var key in root.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? string.Empty;
            if (!KnownKeys.Contains(name))
            {
                throw new ScenarioFormatException((int)key.Start.Line, $"unknown key '{name}': expected one of {string.Join(", ", KnownKeys)}");
            }
        }

        var protocol = id.Split('/')[0];
        if (protocol is not ("smtp" or "pop3"))
        {
            throw new ScenarioFormatException(1, $"the scenario must be under smtp/ or pop3/ (its id '{id}' starts with '{protocol}')");
        }

        var levelNode = Required(root, "level");
        var level = levelNode.Value switch
        {
            "must" => Level.Must,
            "should" => Level.Should,
            "security" => Level.Security,
            "info" => Level.Info,
            _ => throw new ScenarioFormatException((int)levelNode.Start.Line, $"level '{levelNode.Value}' is not one of must, should, security, info"),
        };

        var roleNode = Optional(root, "role");
        var role = roleNode?.Value ?? Protocols.Role.DefaultFor(protocol).Name;
        if (!Protocols.Role.TryParse(role, out _))
        {
            throw new ScenarioFormatException((int)roleNode!.Start.Line, $"role '{role}' is not one of {Protocols.Role.Names}");
        }

        var dialogueNode = Required(root, "dialogue");

        // A block scalar (| or >) starts on the line after its indicator; a plain or quoted one on its own line.
        var firstLine = (int)dialogueNode.Start.Line + (dialogueNode.Style is ScalarStyle.Literal or ScalarStyle.Folded ? 1 : 0);
        var dialogue = dialogueNode.Value ?? string.Empty;
        var steps = DialogueParser.Parse(dialogue, firstLine);

        return new Scenario
        {
            Id = id,
            File = file,
            Title = Required(root, "title").Value!,
            Rule = Required(root, "rule").Value!,
            Level = level,
            Protocol = protocol,
            Role = role,
            Tags = List(root, "tags"),
            Requires = List(root, "requires"),
            Why = Optional(root, "why")?.Value,
            Quote = Optional(root, "quote")?.Value,
            Steps = steps,
            Dialogue = dialogue,
        };
    }

    private static YamlScalarNode Required(YamlMappingNode root, string key)
    {
        var node = Optional(root, key) ?? throw new ScenarioFormatException(1, $"missing required key '{key}'");
        if (string.IsNullOrWhiteSpace(node.Value))
        {
            throw new ScenarioFormatException((int)node.Start.Line, $"'{key}' must not be empty");
        }

        return node;
    }

    private static YamlScalarNode? Optional(YamlMappingNode root, string key)
    {
        if (!root.Children.TryGetValue(new YamlScalarNode(key), out var node))
        {
            return null;
        }

        return node as YamlScalarNode ?? throw new ScenarioFormatException((int)node.Start.Line, $"'{key}' must be a single value, not a list or mapping");
    }

    private static List<string> List(YamlMappingNode root, string key)
    {
        if (!root.Children.TryGetValue(new YamlScalarNode(key), out var node))
        {
            return [];
        }

        if (node is not YamlSequenceNode sequence)
        {
            throw new ScenarioFormatException((int)node.Start.Line, $"'{key}' must be a list, e.g. [{key}-a, {key}-b]");
        }

        return sequence.Children.Select(c => (c as YamlScalarNode)?.Value
            ?? throw new ScenarioFormatException((int)c.Start.Line, $"each entry of '{key}' must be a single word")).ToList();
    }
}
