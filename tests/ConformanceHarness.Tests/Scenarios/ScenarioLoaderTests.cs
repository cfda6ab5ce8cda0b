using ConformanceHarness.Scenarios;

namespace ConformanceHarness.Tests.Scenarios;

public sealed class ScenarioLoaderTests
{
    private const string Valid = """
        title: RCPT before MAIL is refused as a bad sequence
        rule: RFC 5321 §4.1.4
        level: must
        tags: [state, order]
        requires: [PIPELINING]
        why: a 5xx other than 503 still refuses, so it is tolerated
        quote: a 503 failure reply MUST be returned
        dialogue: |
          S: 220
          C: EHLO client.example.test
          S: 250
          C: RCPT TO:<{{user}}@{{domain}}>
          S: 503 else 5xx
        """;

    private string directory = string.Empty;

    [SetUp]
    public void CreateDirectory()
    {
        directory = Path.Combine(Path.GetTempPath(), "ch-loader-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(directory, recursive: true);

    [Test]
    public void TryParse_ValidFile_ReadsEveryField()
    {
        var (scenario, error) = ScenarioLoader.TryParse(Valid, "smtp/rfc5321/4.1.4/rcpt-before-mail", "rcpt.yaml");
        Assert.That(error, Is.Null);
        Assert.That(scenario!.Title, Is.EqualTo("RCPT before MAIL is refused as a bad sequence"));
        Assert.That((scenario.Rule, scenario.Level, scenario.Protocol, scenario.Role), Is.EqualTo(("RFC 5321 §4.1.4", Level.Must, "smtp", "smtp")));
        Assert.That(scenario.Tags, Is.EqualTo(new[] { "state", "order" }));
        Assert.That(scenario.Requires, Is.EqualTo(new[] { "PIPELINING" }));
        Assert.That(scenario.Why, Does.StartWith("a 5xx other than 503"));
        Assert.That(scenario.Quote, Is.EqualTo("a 503 failure reply MUST be returned"));
        Assert.That(scenario.Steps, Has.Count.EqualTo(5));
    }

    [Test]
    public void TryParse_LiteralBlockDialogue_StepsCarryTheirFileLines()
    {
        var (scenario, _) = ScenarioLoader.TryParse(Valid, "smtp/x", "x.yaml");
        Assert.That(scenario!.Steps.Select(s => s.Line), Is.EqualTo(new[] { 9, 10, 11, 12, 13 }));
    }

    [Test]
    public void TryParse_BadStep_ErrorNamesFileAndTheStepsLine()
    {
        var yaml = Valid.Replace("C: RCPT TO:", "C RCPT TO:", StringComparison.Ordinal);
        var (scenario, error) = ScenarioLoader.TryParse(yaml, "smtp/x", "/catalog/smtp/x.yaml");
        Assert.That(scenario, Is.Null);
        Assert.That((error!.File, error.Line), Is.EqualTo(("/catalog/smtp/x.yaml", 12)));
        Assert.That(error.ToString(), Does.StartWith("/catalog/smtp/x.yaml:12: unknown step"));
    }

    [Test]
    public void TryParse_BadStepAfterBlankAndCommentLines_StillNamesTheRightLine()
    {
        const string yaml = "title: t\nrule: r\nlevel: must\ndialogue: |\n  # greeting\n\n  S: 220\n\n  S: 2yz\n";
        var (_, error) = ScenarioLoader.TryParse(yaml, "smtp/x", "x.yaml");
        Assert.That(error!.Line, Is.EqualTo(9));
    }

    [Test]
    public void TryParse_InvalidYaml_ErrorNamesTheLine()
    {
        const string yaml = "title: t\nrule: r\nlevel: must\ntags: [a, b\ndialogue: |\n  S: 220\n";
        var (_, error) = ScenarioLoader.TryParse(yaml, "smtp/x", "x.yaml");
        Assert.That(error!.Message, Does.StartWith("not valid YAML"));
        Assert.That(error.Line, Is.InRange(4, 6));
    }

    [Test]
    public void TryParse_UnknownKey_ErrorNamesItsLine()
    {
        var (_, error) = ScenarioLoader.TryParse("title: t\nrule: r\nlevle: must\ndialogue: |\n  S: 220\n", "smtp/x", "x.yaml");
        Assert.That((error!.Line, error.Message), Is.EqualTo((3, error.Message)));
        Assert.That(error.Message, Does.Contain("unknown key 'levle'"));
    }

    [Test]
    public void TryParse_BadLevel_ErrorNamesItsLine()
    {
        var (_, error) = ScenarioLoader.TryParse("title: t\nrule: r\nlevel: maybe\ndialogue: |\n  S: 220\n", "smtp/x", "x.yaml");
        Assert.That(error!.Line, Is.EqualTo(3));
        Assert.That(error.Message, Does.Contain("level 'maybe'"));
    }

    [TestCase("rule: r\nlevel: must\ndialogue: |\n  S: 220\n", "missing required key 'title'")]
    [TestCase("title: t\nrule: r\nlevel: must\n", "missing required key 'dialogue'")]
    [TestCase("title: t\nrule: r\nlevel: must\ntags: state\ndialogue: |\n  S: 220\n", "'tags' must be a list")]
    [TestCase("title: [a]\nrule: r\nlevel: must\ndialogue: |\n  S: 220\n", "'title' must be a single value")]
    [TestCase("title: t\nrule: r\nlevel: must\nrole: imap\ndialogue: |\n  S: 220\n", "role 'imap'")]
    [TestCase("- just\n- a list\n", "expected one YAML mapping")]
    public void TryParse_MalformedFile_IsAnErrorNotAnException(string yaml, string message)
    {
        var (scenario, error) = ScenarioLoader.TryParse(yaml, "smtp/x", "x.yaml");
        Assert.That(scenario, Is.Null);
        Assert.That(error!.Message, Does.Contain(message));
    }

    [Test]
    public void TryParse_IdOutsideSmtpAndPop3_IsAnError()
    {
        var (_, error) = ScenarioLoader.TryParse(Valid, "imap/x", "x.yaml");
        Assert.That(error!.Message, Does.Contain("under smtp/ or pop3/"));
    }

    [TestCase("smtp/x", "smtp")]
    [TestCase("pop3/x", "pop3")]
    public void TryParse_NoRole_DefaultsToTheProtocol(string id, string role)
    {
        var (scenario, _) = ScenarioLoader.TryParse("title: t\nrule: r\nlevel: info\ndialogue: |\n  S: any\n", id, "x.yaml");
        Assert.That(scenario!.Role, Is.EqualTo(role));
    }

    /// <summary>YamlDotNet reports a tab where the enclosing mapping began (line 1); the error names the tab's own line.</summary>
    [TestCase("title: t\nrule: r\nlevel: must\ntags: [a]\n\trequires: [x]\ndialogue: |\n  S: 220\n", 5)]
    [TestCase("title: t\nrule: r\n\tlevel: must\ndialogue: |\n  S: 220\n", 3)]
    public void TryParse_TabInTheIndentation_NamesTheLineOfTheTab(string yaml, int line)
    {
        var (_, error) = ScenarioLoader.TryParse(yaml, "smtp/x", "x.yaml");
        Assert.That(error?.ToString(), Is.EqualTo($"x.yaml:{line}: not valid YAML: a tab in the indentation (YAML indents with spaces only)"));
    }

    [Test]
    public void LoadDirectory_OneMalformedFile_LoadsTheOthersAndReportsFileAndLine()
    {
        Write("smtp/rfc5321/a.yaml", Valid);
        Write("smtp/rfc5321/b.yaml", "title: t\nrule: r\nlevel: must\ndialogue: |\n  S: 220\n  C: NOOP\n  S: 2x5\n");
        Write("pop3/rfc1939/c.yaml", "title: t\nrule: r\nlevel: must\ndialogue: |\n  S: +OK\n");
        Write("smtp/notes.txt", "not a scenario");

        var (scenarios, errors) = ScenarioLoader.LoadDirectory(directory);

        Assert.That(scenarios.Select(s => s.Id), Is.EqualTo(new[] { "pop3/rfc1939/c", "smtp/rfc5321/a" }));
        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That(errors[0].File, Does.EndWith(Path.Combine("smtp", "rfc5321", "b.yaml")));
        Assert.That(errors[0].Line, Is.EqualTo(7));
    }

    [Test]
    public void LoadDirectory_MissingFolder_IsAnError()
    {
        var (scenarios, errors) = ScenarioLoader.LoadDirectory(Path.Combine(directory, "nope"));
        Assert.That((scenarios.Count, errors.Count), Is.EqualTo((0, 1)));
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(directory, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
