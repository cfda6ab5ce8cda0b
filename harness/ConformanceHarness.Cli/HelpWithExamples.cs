using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace ConformanceHarness.Cli;

/// <summary>The standard help, followed by examples of the command it describes.</summary>
internal sealed class HelpWithExamples : SynchronousCommandLineAction
{
    private readonly HelpAction standard;
    private readonly IReadOnlyDictionary<Command, IReadOnlyList<string>> examples;

    public HelpWithExamples(HelpAction standard, IReadOnlyDictionary<Command, IReadOnlyList<string>> examples)
    {
        this.standard = standard;
        this.examples = examples;
    }

    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var code = standard.Invoke(parseResult);
        if (examples.TryGetValue(parseResult.CommandResult.Command, out var lines))
        {
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine("Examples:");
            foreach (var line in lines)
            {
                output.WriteLine($"  {line}");
            }

            output.WriteLine();
        }

        return code;
    }
}
