using ConformanceHarness.Targets;

namespace ConformanceHarness.Tests.Cli;

/// <summary>
/// The README's <c>dotnet pwsh run.ps1 cli -- ARGS…</c>: every argument reaches the CLI as given. With a param() block,
/// PowerShell took <c>--format</c> for one of the script's own parameters ("the parameter name '' is ambiguous").
/// Builds the CLI in Release (as run.ps1 does), hence the Pack category with the other slow distribution tests.
/// </summary>
[Category("Pack")]
public sealed class RunScriptTests
{
    // run.ps1 publishes the CLI as one composite ReadyToRun image: about 2 min on 2 quiet cores, 5 on a loaded machine.
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(12);

    [Test]
    public async Task CliDashDash_PassesDoubleDashOptionsToTheCli()
    {
        var run = await PwshAsync("cli", "--", "list", "--format", "tsv", "--select", "smtp/rfc5321/4.1.1");
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Error, Does.Not.Contain("ambiguous"));
        var rows = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains('\t', StringComparison.Ordinal)).ToList();
        Assert.That(rows, Is.Not.Empty, run.ToString());
        Assert.That(rows.Select(r => r.Split('\t')[0]), Has.Some.StartWith("smtp/rfc5321/4.1.1").And.All.Matches<string>(id => id == "id" || id.StartsWith("smtp/rfc5321/4.1.1", StringComparison.Ordinal)));
    }

    [Test]
    public async Task UnknownCommand_IsSaid_Exit2()
    {
        var run = await PwshAsync("lint", "--fix");
        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Out + run.Error, Does.Contain("run.ps1: unknown command 'lint'"));
    }

    private static Task<CliRun> PwshAsync(params string[] args)
    {
        var root = RepositoryLayout.FindRoot() ?? throw new InvalidOperationException("the tests run inside the repository");
        return ExternalRun.RunAsync("dotnet", ["pwsh", "-NoProfile", Path.Combine(root, "run.ps1"), .. args], root, Limit);
    }
}
