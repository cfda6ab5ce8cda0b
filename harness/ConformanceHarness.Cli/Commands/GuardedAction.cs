using System.CommandLine;
using ConformanceHarness.Targets;
using Spectre.Console;

namespace ConformanceHarness.Cli.Commands;

/// <summary>Turns what a command action throws into the exit codes: usage errors 2, Ctrl+C 130.</summary>
internal static class GuardedAction
{
    public static void SetGuardedAction(this Command command, CliHost host, Func<ParseResult, CancellationToken, Task<int>> action)
    {
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                return await action(parse, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is UsageException or TargetSpecException)
            {
                host.Error.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
                return ExitCodes.Usage;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The launched targets were stopped on the way out (every RunningTarget is disposed in a finally).
                host.Error.MarkupLine("[yellow]cancelled; every target this run started has been stopped[/]");
                return ExitCodes.Cancelled;
            }
        });
    }
}
