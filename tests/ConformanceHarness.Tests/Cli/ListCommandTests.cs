using ConformanceHarness.Cli;

namespace ConformanceHarness.Tests.Cli;

public sealed class ListCommandTests
{
    private TempCatalog catalog = null!;

    [SetUp]
    public void SetUp() => catalog = TempCatalog.Standard();

    [TearDown]
    public void TearDown() => catalog.Dispose();

    [Test]
    public async Task List_WholeCatalog_ShowsEveryScenarioWithLevelRuleAndTitle_Exit0()
    {
        var run = await CliRun.InvokeAsync("list", "--scenarios", catalog.Folder);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        Assert.That(run.Out, Does.Contain(TempCatalog.Greeting).And.Contain(TempCatalog.RcptBeforeMail).And.Contain(TempCatalog.Pop3Greeting));
        Assert.That(run.Out, Does.Contain("RFC 5321 §4.1.4").And.Contain("RCPT before MAIL is refused as a bad sequence"));
        Assert.That(run.Out, Does.Contain("3 scenario(s) selected of 3"));
        Assert.That(run.Error, Is.Empty);
    }

    [Test]
    public async Task List_BySelectPrefix_ShowsOnlyThatBranch()
    {
        var run = await CliRun.InvokeAsync("list", "--select", "smtp/test/4.1", "--scenarios", catalog.Folder);
        Assert.That(run.Out, Does.Contain(TempCatalog.RcptBeforeMail));
        Assert.That(run.Out, Does.Not.Contain(TempCatalog.Greeting).And.Not.Contain(TempCatalog.Pop3Greeting));
    }

    [Test]
    public async Task List_ByFilePath_SelectsLikeItsId()
    {
        var run = await CliRun.InvokeAsync("list", "--select", "scenarios/" + TempCatalog.RcptBeforeMail + ".yaml", "--scenarios", catalog.Folder);
        Assert.That(run.Out, Does.Contain("1 scenario(s) selected"), run.ToString());
    }

    [Test]
    public async Task List_ByTagAndLevel_CombinesThem()
    {
        var byTag = await CliRun.InvokeAsync("list", "--tag", "greeting", "--scenarios", catalog.Folder);
        Assert.That(byTag.Out, Does.Contain(TempCatalog.Greeting).And.Contain(TempCatalog.Pop3Greeting).And.Not.Contain(TempCatalog.RcptBeforeMail));

        var byTagAndLevel = await CliRun.InvokeAsync("list", "--tag", "greeting", "--level", "should", "--scenarios", catalog.Folder);
        Assert.That(byTagAndLevel.Out, Does.Contain(TempCatalog.Pop3Greeting).And.Not.Contain(TempCatalog.Greeting + " "));
        Assert.That(byTagAndLevel.Out, Does.Contain("1 scenario(s) selected"));
    }

    [Test]
    public async Task List_RepeatedLevel_MatchesAnyOfThem()
    {
        var run = await CliRun.InvokeAsync("list", "--level", "must", "--level", "should", "--scenarios", catalog.Folder);
        Assert.That(run.Out, Does.Contain("3 scenario(s) selected"), run.ToString());
    }

    [Test]
    public async Task List_WithABrokenFile_PrintsFileLineMessageOnStderr_ListsTheRest_Exit1()
    {
        catalog.Write("smtp/test/broken", """
            title: a scenario with a bad level
            rule: RFC 5321
            level: sometimes
            dialogue: |
              S: 220
            """);
        var run = await CliRun.InvokeAsync("list", "--scenarios", catalog.Folder);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failures), run.ToString());
        Assert.That(run.Error, Does.Contain($"{catalog.PathOf("smtp/test/broken")}:3: level 'sometimes'"));
        Assert.That(run.Out, Does.Contain(TempCatalog.Greeting).And.Contain(TempCatalog.RcptBeforeMail));
    }

    [Test]
    public async Task List_FindsTheCatalogThroughTheEnvironmentVariable()
    {
        var run = await CliRun.InvokeAsync(
            ["list"],
            host => host with { GetEnvironmentVariable = name => name == "CONFORMANCE_HARNESS_SCENARIOS" ? catalog.Folder : null },
            CancellationToken.None);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        Assert.That(run.Out, Does.Contain("3 scenario(s) selected"));
    }

    [Test]
    public async Task List_FormatTsv_OneTabSeparatedLinePerScenario()
    {
        var run = await CliRun.InvokeAsync("list", "--format", "tsv", "--scenarios", catalog.Folder);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(3));
        Assert.That(lines.Select(l => l.Split('\t').Length), Is.All.EqualTo(5));
        Assert.That(lines.Select(l => l.Split('\t')[0]), Does.Contain(TempCatalog.RcptBeforeMail));
    }

    [Test]
    public async Task List_FormatJson_IsAnArrayOfScenarios()
    {
        var run = await CliRun.InvokeAsync("list", "--format", "json", "--select", TempCatalog.RcptBeforeMail, "--scenarios", catalog.Folder);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        using var document = System.Text.Json.JsonDocument.Parse(run.Out);
        Assert.That(document.RootElement.GetArrayLength(), Is.EqualTo(1));
        Assert.That(document.RootElement[0].GetProperty("id").GetString(), Is.EqualTo(TempCatalog.RcptBeforeMail));
        Assert.That(document.RootElement[0].GetProperty("rule").GetString(), Is.EqualTo("RFC 5321 §4.1.4"));
    }

    [Test]
    public async Task List_UndefinedVariable_IsALoadErrorWithFileAndLine_Exit1()
    {
        var file = Path.Combine(Directory.CreateDirectory(Path.Combine(catalog.Folder, "smtp", "test")).FullName, "typo.yaml");
        File.WriteAllText(file, "title: typo\nrule: RFC 5321 §4.1.1\nlevel: must\ndialogue: |\n  S: 220\n  C: EHLO {{clent}}\n  S: 250\n");
        var run = await CliRun.InvokeAsync("list", "--scenarios", catalog.Folder);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failures), run.ToString());
        Assert.That(run.Error, Does.Contain("typo.yaml:6:").And.Contain("{{clent}}"));
        Assert.That(run.Out, Does.Not.Contain("smtp/test/typo"));
    }
}
