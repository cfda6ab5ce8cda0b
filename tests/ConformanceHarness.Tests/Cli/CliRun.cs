using ConformanceHarness.Cli;

namespace ConformanceHarness.Tests.Cli;

/// <summary>Runs the whole command tree in-process and keeps what it printed.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static Task<CliRun> InvokeAsync(params string[] args) => InvokeAsync(args, null, CancellationToken.None);

    public static async Task<CliRun> InvokeAsync(string[] args, Func<CliHost, CliHost>? configure, CancellationToken cancellationToken)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var host = CliHost.ForWriters(output, error);
        host = configure?.Invoke(host) ?? host;
        var code = await CliApplication.InvokeAsync(args, host, cancellationToken);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    /// <summary>For assertion messages: everything the command printed.</summary>
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Out}\n--- stderr ---\n{Error}";
}
