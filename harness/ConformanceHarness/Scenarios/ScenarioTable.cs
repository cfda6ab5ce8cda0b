using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ConformanceHarness.Scenarios;

/// <summary>
/// A declarative table (<c>*.table.yaml</c>) that generates one scenario per (state, command) cell, so that every
/// command is tried in every session state and nothing is missed (e.g. RFC 5321 §4.1.4 command order, RFC 1939 states).
/// </summary>
/// <remarks>
/// <code>
/// title: "{command} {state}"          # {command} and {state} are replaced by their titles
/// rule: RFC 5321 §4.1.4
/// level: must
/// tags: [state]
/// why: …                              # optional, for every cell
/// states:
///   before-ehlo: { title: before EHLO, setup: "S: 220" }
///   during-data: { title: during DATA, setup: | …, after_command: "C: ." }   # lines between command and reply
///   relayed:     { title: …, setup: | …, requires: [auth], then: | … }      # a state's own preconditions and closing steps
///   after-mail:  { title: after MAIL, setup: | … }
/// commands:
///   data: { title: DATA, send: "DATA" }
/// then: |                              # optional steps after each cell's reply
///   C: QUIT
///   S: 221 | close
/// cells:
///   after-mail:
///     data: 503 else 5xx               # an expectation, or a mapping {expect, level, why, then, requires}
/// </code>
/// Ids: <c>&lt;folder&gt;/&lt;table name&gt;/&lt;state&gt;/&lt;command&gt;</c>. Every error names the table file's line.
/// </remarks>
public static class ScenarioTable
{
    public const string Extension = ".table.yaml";

    private static readonly HashSet<string> KnownKeys = ["title", "rule", "level", "tags", "requires", "role", "why", "quote", "states", "commands", "then", "cells"];

    /// <summary>Expands the table in <paramref name="yaml"/> whose id prefix is <paramref name="idPrefix"/>.</summary>
    public static (IReadOnlyList<Scenario> Scenarios, IReadOnlyList<ScenarioError> Errors) Expand(string yaml, string idPrefix, string file)
    {
        var scenarios = new List<Scenario>();
        var errors = new List<ScenarioError>();
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            using var reader = new StringReader(yaml);
            stream.Load(reader);
            root = stream.Documents.Count == 1 && stream.Documents[0].RootNode is YamlMappingNode mapping
                ? mapping
                : throw new ScenarioFormatException(1, "expected one YAML mapping with title, rule, level, states, commands and cells");
            foreach (var key in root.Children.Keys)
            {
                var name = (key as YamlScalarNode)?.Value ?? string.Empty;
                if (!KnownKeys.Contains(name))
                {
                    throw new ScenarioFormatException((int)key.Start.Line, $"unknown key '{name}' in a scenario table: expected one of {string.Join(", ", KnownKeys)}");
                }
            }
        }
        catch (ScenarioFormatException e)
        {
            errors.Add(new ScenarioError(file, e.Line, e.Message));
            return (scenarios, errors);
        }
        catch (YamlException e)
        {
            errors.Add(new ScenarioError(file, SourceLines.Within(e.Start.Line, yaml), $"not valid YAML: {e.InnerException?.Message ?? e.Message}"));
            return (scenarios, errors);
        }

        try
        {
            var states = Entries(root, "states");
            var commands = Entries(root, "commands");
            var cells = Mapping(root, "cells");
            var common = Scalar(root, "then");
            foreach (var (stateKey, stateNode) in cells.Children)
            {
                var stateName = ((YamlScalarNode)stateKey).Value!;
                if (!states.TryGetValue(stateName, out var state))
                {
                    errors.Add(new ScenarioError(file, (int)stateKey.Start.Line, $"cells name state '{stateName}', which 'states' does not define ({string.Join(", ", states.Keys)})"));
                    continue;
                }

                if (stateNode is not YamlMappingNode row)
                {
                    errors.Add(new ScenarioError(file, (int)stateNode.Start.Line, $"the cells of state '{stateName}' must be a mapping command: expectation"));
                    continue;
                }

                foreach (var (commandKey, cellNode) in row.Children)
                {
                    var commandName = ((YamlScalarNode)commandKey).Value!;
                    try
                    {
                        if (!commands.TryGetValue(commandName, out var command))
                        {
                            throw new ScenarioFormatException((int)commandKey.Start.Line, $"cell names command '{commandName}', which 'commands' does not define ({string.Join(", ", commands.Keys)})");
                        }

                        scenarios.Add(Cell(root, idPrefix, file, stateName, state, commandName, command, cellNode, common));
                    }
                    catch (ScenarioFormatException e)
                    {
                        errors.Add(new ScenarioError(file, e.Line, e.Message));
                    }
                }
            }
        }
        catch (ScenarioFormatException e)
        {
            errors.Add(new ScenarioError(file, e.Line, e.Message));
        }

        return (scenarios, errors);
    }

    private sealed record Entry(string Title, string Text, int Line, YamlMappingNode? Node);

    private static Scenario Cell(YamlMappingNode root, string idPrefix, string file, string stateName, Entry state, string commandName, Entry command, YamlNode cellNode, string? common)
    {
        string expectation;
        var level = Scalar(root, "level") ?? throw new ScenarioFormatException(1, "missing required key 'level'");
        var why = Scalar(root, "why");
        // A state may carry its own 'then' (e.g. its own delivery oracle) and 'requires'; a cell's own win over both.
        var then = (state.Node is null ? null : Scalar(state.Node, "then")) ?? common;
        var requires = List(root, "requires");
        if (state.Node is not null)
        {
            requires = [.. requires, .. List(state.Node, "requires")];
        }

        if (cellNode is YamlScalarNode scalar)
        {
            expectation = scalar.Value ?? string.Empty;
        }
        else if (cellNode is YamlMappingNode mapping)
        {
            expectation = Scalar(mapping, "expect") ?? throw new ScenarioFormatException((int)cellNode.Start.Line, "a cell mapping needs 'expect'");
            level = Scalar(mapping, "level") ?? level;
            why = Scalar(mapping, "why") ?? why;
            then = Scalar(mapping, "then") ?? then;
            requires = [.. requires, .. List(mapping, "requires")];
        }
        else
        {
            throw new ScenarioFormatException((int)cellNode.Start.Line, "a cell is an expectation (e.g. '503 else 5xx') or a mapping with expect/level/why/then");
        }

        var cellLine = (int)cellNode.Start.Line;

        // Each generated line keeps the table line it came from, so a parse error points into the table.
        var steps = new List<Step>();
        steps.AddRange(DialogueParser.Parse(state.Text, state.Line));
        steps.AddRange(DialogueParser.Parse(command.Text, command.Line));

        // A state may need lines between the command and its reply, e.g. during DATA the command is data
        // and only the final "." draws a reply.
        var afterCommand = state.Node is null ? null : Scalar(state.Node, "after_command");
        if (!string.IsNullOrWhiteSpace(afterCommand))
        {
            steps.AddRange(DialogueParser.Parse(afterCommand, state.Line));
        }

        steps.Add(new ExpectStep(cellLine, DialogueParser.ParseExpectation(expectation, cellLine), MultiLine: command.Node is not null && Scalar(command.Node, "multiline") == "true"));
        if (!string.IsNullOrWhiteSpace(then))
        {
            steps.AddRange(DialogueParser.Parse(then, cellLine));
        }

        var titleTemplate = Scalar(root, "title") ?? "{command} {state}";
        var middle = string.IsNullOrWhiteSpace(afterCommand) ? string.Empty : afterCommand.TrimEnd() + "\n";
        var dialogue = $"{state.Text.TrimEnd()}\n{command.Text.TrimEnd()}\n{middle}S: {expectation}\n{then?.TrimEnd()}".TrimEnd() + "\n";
        var parsedLevel = level switch
        {
            "must" => Level.Must,
            "should" => Level.Should,
            "security" => Level.Security,
            "info" => Level.Info,
            _ => throw new ScenarioFormatException(cellLine, $"level '{level}' is not one of must, should, security, info"),
        };
        var protocol = idPrefix.Split('/')[0];
        return new Scenario
        {
            Id = $"{idPrefix}/{stateName}/{commandName}",
            File = file,
            Title = titleTemplate.Replace("{command}", command.Title, StringComparison.Ordinal).Replace("{state}", state.Title, StringComparison.Ordinal),
            Rule = Scalar(root, "rule") ?? throw new ScenarioFormatException(1, "missing required key 'rule'"),
            Level = parsedLevel,
            Protocol = protocol,
            Role = Scalar(root, "role") ?? (protocol == "pop3" ? "pop3" : "smtp"),
            Tags = List(root, "tags"),
            Requires = requires,
            Why = why,
            Quote = Scalar(root, "quote"),
            Steps = steps,
            Dialogue = dialogue,
        };
    }

    /// <summary>States or commands: name → {title, setup|send} (a plain string is the setup/send itself).</summary>
    private static Dictionary<string, Entry> Entries(YamlMappingNode root, string key)
    {
        var result = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var (nameNode, value) in Mapping(root, key).Children)
        {
            var name = ((YamlScalarNode)nameNode).Value!;
            var textKey = key == "states" ? "setup" : "send";
            switch (value)
            {
                case YamlScalarNode scalar:
                    result[name] = new Entry(name, key == "commands" ? $"C: {scalar.Value}" : scalar.Value ?? string.Empty, (int)scalar.Start.Line, null);
                    break;
                case YamlMappingNode mapping:
                    var textNode = mapping.Children.TryGetValue(new YamlScalarNode(textKey), out var n) ? n as YamlScalarNode : null;
                    if (textNode?.Value is null)
                    {
                        throw new ScenarioFormatException((int)mapping.Start.Line, $"{key} entry '{name}' needs '{textKey}'");
                    }

                    var line = (int)textNode.Start.Line + (textNode.Style is ScalarStyle.Literal or ScalarStyle.Folded ? 1 : 0);

                    // A command's 'send' is one line to send (C: is implied) unless it is a block of dialogue lines.
                    var text = key == "commands" && textNode.Style is not (ScalarStyle.Literal or ScalarStyle.Folded) ? $"C: {textNode.Value}" : textNode.Value;
                    result[name] = new Entry(Scalar(mapping, "title") ?? name, text, line, mapping);
                    break;
                default:
                    throw new ScenarioFormatException((int)value.Start.Line, $"{key} entry '{name}' must be text or a mapping");
            }
        }

        return result;
    }

    private static YamlMappingNode Mapping(YamlMappingNode root, string key) =>
        root.Children.TryGetValue(new YamlScalarNode(key), out var node)
            ? node as YamlMappingNode ?? throw new ScenarioFormatException((int)node.Start.Line, $"'{key}' must be a mapping")
            : throw new ScenarioFormatException(1, $"missing required key '{key}'");

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? (value as YamlScalarNode)?.Value : null;

    private static List<string> List(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlSequenceNode sequence
            ? sequence.Children.OfType<YamlScalarNode>().Select(s => s.Value!).ToList()
            : [];
}
