using YamlDotNet.RepresentationModel;

namespace ConformanceHarness.Scenarios;

/// <summary>Dialogue lines taken from a YAML value, with the file line of the first one, so parsed steps point at their own text.</summary>
internal sealed record DialogueText(string Text, int Line)
{
    public static DialogueText? Of(YamlScalarNode? node) => node is null ? null : new(node.Value ?? string.Empty, ScenarioKeys.FirstLine(node));

    public IReadOnlyList<Step> Parse() => DialogueParser.Parse(Text, Line);
}
