using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using ConformanceHarness.Diagnostics;
using ConformanceHarness.Cli.Commands;
using Spectre.Console;

namespace ConformanceHarness.Cli;

/// <summary>The <c>conformance-harness</c> command tree, built for one host (the process, or a test).</summary>
public static class CliApplication
{
    /// <summary>Parses and runs <paramref name="args"/>; returns the exit code (see <see cref="ExitCodes"/>).</summary>
    public static async Task<int> InvokeAsync(IReadOnlyList<string> args, CliHost host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        PhaseTrace.Mark("consoles made");
        var root = Build(host);
        PhaseTrace.Mark("command tree built");
        var parse = root.Parse(args);
        PhaseTrace.Mark("arguments parsed");
        if (parse.Action is ParseErrorAction)
        {
            // System.CommandLine returns 1 for a parse error; 1 means "the target failed" here, so usage errors are ours to report.
            foreach (var error in parse.Errors)
            {
                host.Error.MarkupLine($"[red]error:[/] {Markup.Escape(error.Message)}");
            }

            var path = string.Join(' ', parse.CommandResult.Command is RootCommand ? [] : new[] { parse.CommandResult.Command.Name });
            host.Error.MarkupLine($"[grey]see: conformance-harness {Markup.Escape(path)}{(path.Length > 0 ? " " : string.Empty)}--help[/]");
            return ExitCodes.Usage;
        }

        var configuration = new InvocationConfiguration
        {
            Output = host.OutWriter,
            Error = host.ErrorWriter,
            ProcessTerminationTimeout = host.TerminationTimeout,
        };
        return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The root command with <c>run</c>, <c>compare</c>, <c>list</c> and <c>explain</c>.</summary>
    public static RootCommand Build(CliHost host)
    {
        var catalog = new CatalogSource(host);
        var root = new RootCommand(
            "ConformanceHarness: scenario-driven conformance and security checks for SMTP and POP3 servers. " +
            "Exit codes: 0 nothing failed, 1 a Fail or Error (or a scenario file that does not load), 2 usage error, 130 interrupted.")
        {
            catalog.Folder,
        };
        var commands = new (Command Command, string[] Examples)[]
        {
            (RunCommand.Create(host, catalog), RunCommand.Examples),
            (CompareCommand.Create(host, catalog), CompareCommand.Examples),
            (ListCommand.Create(host, catalog), ListCommand.Examples),
            (ExplainCommand.Create(host, catalog), ExplainCommand.Examples),
            (ProbeCommand.Create(host, catalog), ProbeCommand.Examples),
            (MergeCommand.Create(host), MergeCommand.Examples),
        };
        foreach (var (command, _) in commands)
        {
            root.Add(command);
        }

        var examples = commands.ToDictionary(c => c.Command, c => (IReadOnlyList<string>)c.Examples);
        examples[root] = [.. commands.Select(c => c.Examples[0])];
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new HelpWithExamples((HelpAction)help.Action!, examples);
        return root;
    }
}
