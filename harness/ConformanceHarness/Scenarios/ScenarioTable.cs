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
/// Ids: <c>&lt;folder&gt;/&lt;table name&gt;/&lt;state&gt;/&lt;command&gt;</c>. The keys a plain scenario file has are read
/// by the same code (<see cref="ScenarioKeys"/>), so a table is exactly as strict; every error names the table file's
/// line, and a bad cell costs only that cell.
/// </remarks>
public static class ScenarioTable
{
    public const string Extension = ".table.yaml";

    private static readonly HashSet<string> KnownKeys = ["title", "rule", "level", "tags", "requires", "role", "why", "quote", "states", "commands", "then", "cells"];
    private static readonly HashSet<string> StateKeys = ["title", "setup", "after_command", "requires", "then"];
    private static readonly HashSet<string> CommandKeys = ["title", "send", "multiline"];
    private static readonly HashSet<string> CellKeys = ["expect", "level", "why", "then", "requires"];

    /// <summary>Expands the table in <paramref name="yaml"/> whose id prefix is <paramref name="idPrefix"/>. Never throws for bad input.</summary>
    public static (IReadOnlyList<Scenario> Scenarios, IReadOnlyList<ScenarioError> Errors) Expand(string yaml, string idPrefix, string file)
    {
        var scenarios = new List<Scenario>();
        var errors = new List<ScenarioError>();
        void Report(ScenarioFormatException e) => errors.Add(new ScenarioError(file, SourceLines.Within(e.Line, yaml), e.Message));

        TableHeader header;
        Dictionary<string, TableState> states;
        Dictionary<string, TableCommand> commands;
        YamlMappingNode cells;
        try
        {
            var root = ScenarioKeys.LoadMapping(yaml, "title, rule, level, states, commands and cells");
            ScenarioKeys.RejectUnknown(root, KnownKeys, " in a scenario table");
            header = Header(root, idPrefix);
            states = Entries(root, "states", "setup", StateKeys, State);
            commands = Entries(root, "commands", "send", CommandKeys, Command);
            cells = Mapping(root, "cells");
        }
        catch (ScenarioFormatException e)
        {
            Report(e);
            return (scenarios, errors);
        }

        foreach (var (stateKey, stateNode) in cells.Children)
        {
            try
            {
                var stateName = ScenarioKeys.Name(stateKey, "state");
                if (!states.TryGetValue(stateName, out var state))
                {
                    throw new ScenarioFormatException((int)stateKey.Start.Line, $"cells name state '{stateName}', which 'states' does not define ({string.Join(", ", states.Keys)})");
                }

                if (stateNode is not YamlMappingNode row)
                {
                    throw new ScenarioFormatException((int)stateNode.Start.Line, $"the cells of state '{stateName}' must be a mapping command: expectation");
                }

                foreach (var (commandKey, cellNode) in row.Children)
                {
                    try
                    {
                        var commandName = ScenarioKeys.Name(commandKey, "command");
                        if (!commands.TryGetValue(commandName, out var command))
                        {
                            throw new ScenarioFormatException((int)commandKey.Start.Line, $"cell names command '{commandName}', which 'commands' does not define ({string.Join(", ", commands.Keys)})");
                        }

                        scenarios.Add(Cell(header, $"{idPrefix}/{stateName}/{commandName}", file, state, command, cellNode));
                    }
                    catch (ScenarioFormatException e)
                    {
                        Report(e);
                    }
                }
            }
            catch (ScenarioFormatException e)
            {
                Report(e);
            }
        }

        return (scenarios, errors);
    }

    /// <summary>The keys a table shares with a plain scenario file, read once for all its cells.</summary>
    private static TableHeader Header(YamlMappingNode root, string idPrefix)
    {
        var protocol = ScenarioKeys.Protocol(idPrefix);
        return new TableHeader(
            root.Children.ContainsKey(new YamlScalarNode("title")) ? ScenarioKeys.Required(root, "title").Value! : "{command} {state}",
            ScenarioKeys.Required(root, "rule").Value!,
            ScenarioKeys.Level(ScenarioKeys.Required(root, "level")),
            protocol,
            ScenarioKeys.Role(root, protocol),
            ScenarioKeys.List(root, "tags"),
            ScenarioKeys.List(root, "requires"),
            ScenarioKeys.Optional(root, "why")?.Value,
            ScenarioKeys.Optional(root, "quote")?.Value,
            DialogueText.Of(ScenarioKeys.Optional(root, "then")));
    }

    private static Scenario Cell(TableHeader header, string id, string file, TableState state, TableCommand command, YamlNode cellNode)
    {
        // A state may carry its own 'then' (e.g. its own delivery oracle) and 'requires'; a cell's own win over both.
        var level = header.Level;
        var why = header.Why;
        var then = state.Then ?? header.Then;
        List<string> requires = [.. header.Requires, .. state.Requires];
        DialogueText expectation;
        switch (cellNode)
        {
            case YamlScalarNode scalar:
                expectation = new DialogueText(scalar.Value ?? string.Empty, (int)scalar.Start.Line);
                break;
            case YamlMappingNode mapping:
                ScenarioKeys.RejectUnknown(mapping, CellKeys, " in a cell");
                expectation = DialogueText.Of(ScenarioKeys.Optional(mapping, "expect"))
                    ?? throw new ScenarioFormatException((int)cellNode.Start.Line, "a cell mapping needs 'expect'");
                level = ScenarioKeys.Optional(mapping, "level") is { } levelNode ? ScenarioKeys.Level(levelNode) : level;
                why = ScenarioKeys.Optional(mapping, "why")?.Value ?? why;
                then = DialogueText.Of(ScenarioKeys.Optional(mapping, "then")) ?? then;
                requires = [.. requires, .. ScenarioKeys.List(mapping, "requires")];
                break;
            default:
                throw new ScenarioFormatException((int)cellNode.Start.Line, "a cell is an expectation (e.g. '503 else 5xx') or a mapping with expect/level/why/then");
        }

        // Each generated step keeps the table line its own text came from, so a result or an error points at it.
        var steps = new List<Step>();
        steps.AddRange(state.Setup.Parse());
        steps.AddRange(command.Send.Parse());

        // A state may need lines between the command and its reply, e.g. during DATA the command is data
        // and only the final "." draws a reply.
        var afterCommand = state.AfterCommand is { Text: var text } && !string.IsNullOrWhiteSpace(text) ? state.AfterCommand : null;
        if (afterCommand is not null)
        {
            steps.AddRange(afterCommand.Parse());
        }

        steps.Add(new ExpectStep(expectation.Line, DialogueParser.ParseExpectation(expectation.Text, expectation.Line), command.MultiLine));
        if (then is not null && !string.IsNullOrWhiteSpace(then.Text))
        {
            steps.AddRange(then.Parse());
        }

        var middle = afterCommand is null ? string.Empty : afterCommand.Text.TrimEnd() + "\n";
        var dialogue = $"{state.Setup.Text.TrimEnd()}\n{command.Send.Text.TrimEnd()}\n{middle}S: {expectation.Text}\n{then?.Text.TrimEnd()}".TrimEnd() + "\n";
        return new Scenario
        {
            Id = id,
            File = file,
            Title = header.Title.Replace("{command}", command.Title, StringComparison.Ordinal).Replace("{state}", state.Title, StringComparison.Ordinal),
            Rule = header.Rule,
            Level = level,
            Protocol = header.Protocol,
            Role = header.Role,
            Tags = header.Tags,
            Requires = requires,
            Why = why,
            Quote = header.Quote,
            Steps = steps,
            Dialogue = dialogue,
        };
    }

    private static TableState State(string name, DialogueText setup, YamlMappingNode? node) => node is null
        ? new TableState(name, setup, null, null, [])
        : new TableState(
            ScenarioKeys.Optional(node, "title")?.Value ?? name,
            setup,
            DialogueText.Of(ScenarioKeys.Optional(node, "after_command")),
            DialogueText.Of(ScenarioKeys.Optional(node, "then")),
            ScenarioKeys.List(node, "requires"));

    private static TableCommand Command(string name, DialogueText send, YamlMappingNode? node)
    {
        var multiLine = node is null ? null : ScenarioKeys.Optional(node, "multiline");
        if (multiLine is not null && multiLine.Value is not ("true" or "false"))
        {
            throw new ScenarioFormatException((int)multiLine.Start.Line, $"'multiline' is true or false, not '{multiLine.Value}'");
        }

        return new TableCommand(node is null ? name : ScenarioKeys.Optional(node, "title")?.Value ?? name, send, multiLine?.Value == "true");
    }

    /// <summary>
    /// States or commands: name → {title, setup|send, …}, or a plain string that is the setup/send itself (for a
    /// command, the line to send: C: is implied). A command's 'send' in a mapping is also one line to send unless it
    /// is a block (| or >) of dialogue lines.
    /// </summary>
    private static Dictionary<string, T> Entries<T>(YamlMappingNode root, string key, string textKey, HashSet<string> known, Func<string, DialogueText, YamlMappingNode?, T> make)
    {
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        var commands = key == "commands";
        foreach (var (nameNode, value) in Mapping(root, key).Children)
        {
            var name = ScenarioKeys.Name(nameNode, commands ? "command" : "state");
            YamlScalarNode textNode;
            YamlMappingNode? entry = null;
            switch (value)
            {
                case YamlScalarNode scalar:
                    textNode = scalar;
                    break;
                case YamlMappingNode mapping:
                    ScenarioKeys.RejectUnknown(mapping, known, $" in {key} entry '{name}'");
                    textNode = ScenarioKeys.Optional(mapping, textKey) is { Value: not null } given
                        ? given
                        : throw new ScenarioFormatException((int)mapping.Start.Line, $"{key} entry '{name}' needs '{textKey}'");
                    entry = mapping;
                    break;
                default:
                    throw new ScenarioFormatException((int)value.Start.Line, $"{key} entry '{name}' must be text or a mapping");
            }

            var text = DialogueText.Of(textNode)!;
            var implied = commands && (entry is null || textNode.Style is not (ScalarStyle.Literal or ScalarStyle.Folded));
            result[name] = make(name, implied ? text with { Text = $"C: {text.Text}" } : text, entry);
        }

        return result;
    }

    private static YamlMappingNode Mapping(YamlMappingNode root, string key) =>
        root.Children.TryGetValue(new YamlScalarNode(key), out var node)
            ? node as YamlMappingNode ?? throw new ScenarioFormatException((int)node.Start.Line, $"'{key}' must be a mapping")
            : throw new ScenarioFormatException(1, $"missing required key '{key}'");

    /// <summary>The keys every cell of a table shares.</summary>
    private sealed record TableHeader(string Title, string Rule, Level Level, string Protocol, string Role, List<string> Tags, List<string> Requires, string? Why, string? Quote, DialogueText? Then);

    private sealed record TableState(string Title, DialogueText Setup, DialogueText? AfterCommand, DialogueText? Then, List<string> Requires);

    private sealed record TableCommand(string Title, DialogueText Send, bool MultiLine);
}
