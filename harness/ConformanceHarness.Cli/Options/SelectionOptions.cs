using System.CommandLine;
using ConformanceHarness.Cli.Catalog;
using ConformanceHarness.Scenarios;

namespace ConformanceHarness.Cli.Options;

/// <summary><c>--select PREFIX</c>, <c>--tag TAG</c>, <c>--level LEVEL</c>: each repeatable.</summary>
internal sealed class SelectionOptions
{
    public Option<string[]> Select { get; } = new("--select", "-s")
    {
        Description = "Only scenarios whose id starts with PREFIX, e.g. smtp/rfc5321/4.1 (repeatable: any of them)",
        HelpName = "PREFIX",
    };

    public Option<string[]> Tag { get; } = new("--tag", "-t")
    {
        Description = "Only scenarios with this tag, e.g. relay (repeatable: any of them)",
        HelpName = "TAG",
    };

    public Option<string[]> Level { get; } = new("--level", "-l")
    {
        Description = "Only scenarios of this level: must, should, security, info (repeatable: any of them)",
        HelpName = "LEVEL",
    };

    public SelectionOptions()
    {
        Level.AcceptOnlyFromAmong("must", "should", "security", "info");
    }

    public void AddTo(Command command)
    {
        command.Add(Select);
        command.Add(Tag);
        command.Add(Level);
    }

    public ScenarioSelection Read(ParseResult parse) => new()
    {
        Prefixes = parse.GetValue(Select) ?? [],
        Tags = parse.GetValue(Tag) ?? [],
        Levels = (parse.GetValue(Level) ?? []).Select(l => Enum.Parse<Level>(l, ignoreCase: true)).ToList(),
    };
}
