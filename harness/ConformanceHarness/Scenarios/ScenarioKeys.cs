using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ConformanceHarness.Scenarios;

/// <summary>
/// Reads the keys a scenario file and a scenario table share (level, role, tags, requires, …), so both are exactly
/// as strict: a value of the wrong shape is a <see cref="ScenarioFormatException"/> at its own line, never a
/// silent default or a cast that throws.
/// </summary>
internal static class ScenarioKeys
{
    /// <summary>The one YAML mapping in <paramref name="yaml"/>; anything else is a format error naming its line.</summary>
    public static YamlMappingNode LoadMapping(string yaml, string expected)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(yaml))
        {
            var parser = new Parser(reader);
            try
            {
                stream.Load(parser);
            }
            catch (YamlException e) when ((e.InnerException?.Message ?? e.Message).Contains("tab", StringComparison.OrdinalIgnoreCase) && SourceLines.FirstTabIndented(yaml) is { } tabbed)
            {
                // The scanner reports a tab where the enclosing mapping began (often line 1), not where the tab is.
                throw new ScenarioFormatException(tabbed, "not valid YAML: a tab in the indentation (YAML indents with spaces only)");
            }
            catch (YamlException e)
            {
                throw new ScenarioFormatException(SourceLines.Within(e.Start.Line, yaml), $"not valid YAML: {e.InnerException?.Message ?? e.Message}");
            }
            catch (InvalidOperationException e)
            {
                // YamlDotNet's scanner sometimes gives up this way (e.g. an unclosed '[' list) instead of a YamlException.
                throw new ScenarioFormatException((int)(parser.Current?.End.Line ?? 1), $"not valid YAML: {e.Message}");
            }
        }

        return stream.Documents.Count == 1 && stream.Documents[0].RootNode is YamlMappingNode root
            ? root
            : throw new ScenarioFormatException(1, $"expected one YAML mapping with {expected}");
    }

    /// <summary>Rejects a key outside <paramref name="known"/> (a typo would otherwise be silently ignored).</summary>
    public static void RejectUnknown(YamlMappingNode mapping, IReadOnlySet<string> known, string where = "")
    {
        foreach (var key in mapping.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? string.Empty;
            if (!known.Contains(name))
            {
                throw new ScenarioFormatException((int)key.Start.Line, $"unknown key '{name}'{where}: expected one of {string.Join(", ", known)}");
            }
        }
    }

    /// <summary>A name used as a mapping key (a state, a command): one word, not a list or mapping.</summary>
    public static string Name(YamlNode key, string what) =>
        key is YamlScalarNode { Value: { Length: > 0 } name }
            ? name
            : throw new ScenarioFormatException((int)key.Start.Line, $"a {what} name must be a single word");

    /// <summary>A top-level key that must be there and not empty (a missing one is reported at line 1, the file's start).</summary>
    public static YamlScalarNode Required(YamlMappingNode mapping, string key)
    {
        var node = Optional(mapping, key) ?? throw new ScenarioFormatException(1, $"missing required key '{key}'");
        if (string.IsNullOrWhiteSpace(node.Value))
        {
            throw new ScenarioFormatException((int)node.Start.Line, $"'{key}' must not be empty");
        }

        return node;
    }

    public static YamlScalarNode? Optional(YamlMappingNode mapping, string key)
    {
        if (!mapping.Children.TryGetValue(new YamlScalarNode(key), out var node))
        {
            return null;
        }

        return node as YamlScalarNode ?? throw new ScenarioFormatException((int)node.Start.Line, $"'{key}' must be a single value, not a list or mapping");
    }

    public static List<string> List(YamlMappingNode mapping, string key)
    {
        if (!mapping.Children.TryGetValue(new YamlScalarNode(key), out var node))
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

    /// <summary>The protocol is the first folder of the id: smtp/ or pop3/.</summary>
    public static string Protocol(string id)
    {
        var protocol = id.Split('/')[0];
        return protocol is "smtp" or "pop3"
            ? protocol
            : throw new ScenarioFormatException(1, $"the scenario must be under smtp/ or pop3/ (its id '{id}' starts with '{protocol}')");
    }

    public static Level Level(YamlScalarNode node) => node.Value switch
    {
        "must" => Scenarios.Level.Must,
        "should" => Scenarios.Level.Should,
        "security" => Scenarios.Level.Security,
        "info" => Scenarios.Level.Info,
        _ => throw new ScenarioFormatException((int)node.Start.Line, $"level '{node.Value}' is not one of must, should, security, info"),
    };

    /// <summary>The port role the dialogue runs on; by default the protocol's own.</summary>
    public static string Role(YamlMappingNode mapping, string protocol)
    {
        var roleNode = Optional(mapping, "role");
        var role = roleNode?.Value ?? Protocols.Role.DefaultFor(protocol).Name;
        if (!Protocols.Role.TryParse(role, out _))
        {
            throw new ScenarioFormatException((int)roleNode!.Start.Line, $"role '{role}' is not one of {Protocols.Role.Names}");
        }

        return role;
    }

    /// <summary>The file line of a text value's first line: a block scalar (| or >) starts on the line after its indicator.</summary>
    public static int FirstLine(YamlScalarNode node) =>
        (int)node.Start.Line + (node.Style is ScalarStyle.Literal or ScalarStyle.Folded ? 1 : 0);
}
