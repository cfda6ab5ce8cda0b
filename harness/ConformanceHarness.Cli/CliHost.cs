using System.Globalization;
using ConformanceHarness.Targets;
using Spectre.Console;

namespace ConformanceHarness.Cli;

/// <summary>
/// Where the CLI writes and what it can see of its environment. The process uses <see cref="ForProcess"/>;
/// tests use <see cref="ForWriters"/> to run the whole command tree in-process and read what it printed.
/// </summary>
public sealed record CliHost
{
    /// <summary>Tables, matrices, progress lines: standard output.</summary>
    public required IAnsiConsole Out { get; init; }

    /// <summary>Load errors, target logs, usage errors: standard error.</summary>
    public required IAnsiConsole Error { get; init; }

    /// <summary>Where System.CommandLine writes help and the version.</summary>
    public required TextWriter OutWriter { get; init; }

    public required TextWriter ErrorWriter { get; init; }

    /// <summary>Standard output is a terminal: a live progress display instead of one line per finished scenario.</summary>
    public bool LiveProgress { get; init; }

    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Where to start looking for the repository (ConformanceHarness.sln) when --scenarios is not given.</summary>
    public IReadOnlyList<string> SearchStarts { get; init; } = [Directory.GetCurrentDirectory(), AppContext.BaseDirectory];

    /// <summary>The catalog to fall back on outside a repository: the one the .NET tool package carries beside the program.</summary>
    public string? PackagedCatalog { get; init; } = Catalog.ScenarioFolder.Packaged;

    /// <summary>Makes the launcher for one run: its log lines go to the request's log, its containers to the request's engine, its start bound is the run's.</summary>
    public Func<Execution.LaunchRequest, ITargetLauncher> CreateLauncher { get; init; } = request => new TargetLauncher(request.Log) { Engine = request.Engine, StartTimeout = request.StartTimeout };

    /// <summary>How long Ctrl+C waits for the launched targets to be stopped before the process gives up on them.</summary>
    public TimeSpan? TerminationTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public static CliHost ForProcess()
    {
        var redirected = Console.IsOutputRedirected;
        var width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), NumberStyles.None, CultureInfo.InvariantCulture, out var columns) && columns > 40
            ? columns
            : 200;
        var output = Create(Console.Out, redirected, width);
        var error = Create(Console.Error, Console.IsErrorRedirected, width);
        return new CliHost
        {
            Out = output,
            Error = error,
            OutWriter = Console.Out,
            ErrorWriter = Console.Error,
            LiveProgress = !redirected && output.Profile.Capabilities.Ansi,
        };

        static IAnsiConsole Create(TextWriter writer, bool redirected, int width)
        {
            // A file or a pipe gets plain text (escape codes would garble it), unless FORCE_COLOR asks otherwise (CI logs that render them).
            var plain = redirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("FORCE_COLOR"));
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(writer),
                Ansi = plain ? AnsiSupport.No : AnsiSupport.Detect,
                ColorSystem = plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
                Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
            });
            if (redirected)
            {
                // A file or a CI log has no width; 80 columns would fold every table.
                console.Profile.Width = width;
            }

            return console;
        }
    }

    /// <summary>Plain text, no colours, no live display: what a test (or a log file) sees.</summary>
    public static CliHost ForWriters(TextWriter output, TextWriter error, int width = 220) => new()
    {
        Out = Plain(output, width),
        Error = Plain(error, width),
        OutWriter = output,
        ErrorWriter = error,
        LiveProgress = false,
    };

    private static IAnsiConsole Plain(TextWriter writer, int width)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = width;
        return console;
    }
}
