using ConformanceHarness.Scenarios;

namespace ConformanceHarness.Tests.Scenarios;

public sealed class ScenarioTableTests
{
    private const string Table = """
        title: "{command} {state}"
        rule: RFC 5321 §4.1.4
        level: must
        tags: [state]
        states:
          fresh: { title: before EHLO, setup: "S: 220" }
          in-data:
            title: during DATA
            setup: |
              S: 220
              C: DATA
              S: 354
            after_command: "C: ."
        commands:
          rcpt: { title: RCPT, send: "RCPT TO:<a@b>" }
          noop: NOOP
        then: |
          C: QUIT
          S: 221
        cells:
          fresh:
            rcpt: 503 else 5xx
            noop: { expect: 250, level: should }
          in-data:
            noop: 250
        """;

    [Test]
    public void Expand_Table_MakesOneScenarioPerCell()
    {
        var (scenarios, errors) = ScenarioTable.Expand(Table, "smtp/x/order", "order.table.yaml");
        Assert.That(errors, Is.Empty);
        Assert.That(scenarios.Select(s => s.Id), Is.EqualTo(new[] { "smtp/x/order/fresh/rcpt", "smtp/x/order/fresh/noop", "smtp/x/order/in-data/noop" }));
        Assert.That(scenarios[0].Title, Is.EqualTo("RCPT before EHLO"));
        Assert.That(scenarios[1].Level, Is.EqualTo(Level.Should));
    }

    [Test]
    public void Expand_Cell_SendsCommandThenExpectsItsReplyThenTheCommonEnding()
    {
        var (scenarios, _) = ScenarioTable.Expand(Table, "smtp/x/order", "order.table.yaml");
        var steps = scenarios[0].Steps;
        Assert.That(steps.Select(s => s.GetType().Name), Is.EqualTo(new[] { "ExpectStep", "SendStep", "ExpectStep", "SendStep", "ExpectStep" }));
        var expect = (ExpectStep)steps[2];
        Assert.That(expect.Expectation.Preferred.Single().Text, Is.EqualTo("503"));
        Assert.That(expect.Expectation.Tolerated.Single().Text, Is.EqualTo("5xx"));
        Assert.That(expect.Line, Is.EqualTo(22), "the cell's expectation points at its line in the table");
    }

    [Test]
    public void Expand_StateWithAfterCommand_PutsThoseLinesBeforeTheReply()
    {
        var (scenarios, _) = ScenarioTable.Expand(Table, "smtp/x/order", "order.table.yaml");
        var sends = scenarios[2].Steps.OfType<SendStep>().Select(s => s.Template).ToList();
        Assert.That(sends, Is.EqualTo(new[] { "DATA", "NOOP", ".", "QUIT" }));
    }

    [Test]
    public void Expand_UnknownCommandInCells_NamesTheLine()
    {
        var broken = Table.Replace("    noop: 250", "    nope: 250", StringComparison.Ordinal);
        var (scenarios, errors) = ScenarioTable.Expand(broken, "smtp/x/order", "order.table.yaml");
        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That(errors[0].Line, Is.EqualTo(25));
        Assert.That(errors[0].Message, Does.Contain("'nope'"));
        Assert.That(scenarios, Has.Count.EqualTo(2), "the other cells still load");
    }

    [Test]
    public void Expand_BadExpectation_NamesTheCellLine()
    {
        var broken = Table.Replace("rcpt: 503 else 5xx", "rcpt: 5O3", StringComparison.Ordinal);
        var (_, errors) = ScenarioTable.Expand(broken, "smtp/x/order", "order.table.yaml");
        Assert.That(errors.Single().ToString(), Does.StartWith("order.table.yaml:22:").And.Contain("5O3"));
    }

    [Test]
    public void Expand_StateThenAndRequires_ApplyToItsCells()
    {
        var table = Table.Replace(
            "    after_command: \"C: .\"",
            "    after_command: \"C: .\"\n    requires: [mailbox]\n    then: \"C: NOOP\\nS: 250\"",
            StringComparison.Ordinal);
        var (scenarios, errors) = ScenarioTable.Expand(table, "smtp/x/order", "order.table.yaml");
        Assert.That(errors, Is.Empty);
        var inData = scenarios.Single(s => s.Id == "smtp/x/order/in-data/noop");
        Assert.That(inData.Requires, Is.EqualTo(new[] { "mailbox" }));
        Assert.That(inData.Dialogue, Does.Contain("C: NOOP").And.Not.Contain("QUIT"));
        var fresh = scenarios.Single(s => s.Id == "smtp/x/order/fresh/rcpt");
        Assert.That(fresh.Requires, Is.Empty);
        Assert.That(fresh.Dialogue, Does.Contain("QUIT"));
    }

    [Test]
    public void Expand_CommonThenAndAfterCommand_StepsPointAtTheirOwnLines()
    {
        var (scenarios, _) = ScenarioTable.Expand(Table, "smtp/x/order", "order.table.yaml");
        var inData = scenarios.Single(s => s.Id == "smtp/x/order/in-data/noop").Steps;
        Assert.That(inData.OfType<SendStep>().Select(s => (s.Template, s.Line)), Is.EqualTo(new[] { ("DATA", 11), ("NOOP", 16), (".", 13), ("QUIT", 18) }));
        Assert.That(inData[^1].Line, Is.EqualTo(19), "the S: 221 of the common 'then', not a line of another cell");
    }

    [Test]
    public void Expand_CellMappingThen_StepsPointAtTheCellsThen()
    {
        var table = Table.Replace("    noop: { expect: 250, level: should }", "    noop:\n      expect: 250\n      then: |\n        C: RSET\n        S: 250", StringComparison.Ordinal);
        var (scenarios, errors) = ScenarioTable.Expand(table, "smtp/x/order", "order.table.yaml");
        Assert.That(errors, Is.Empty);
        var steps = scenarios.Single(s => s.Id == "smtp/x/order/fresh/noop").Steps;
        Assert.That(steps.Select(s => s.Line).TakeLast(3), Is.EqualTo(new[] { 24, 26, 27 }), "expect, C: RSET, S: 250");
    }

    [TestCase("tags: [state]", "tags: state", 4, "'tags' must be a list")]
    [TestCase("tags: [state]", "tags: [state]\nrequires: starttls", 5, "'requires' must be a list")]
    [TestCase("tags: [state]", "tags: [state]\nrole: imap", 5, "role 'imap' is not one of")]
    [TestCase("tags: [state]", "tags: [state]\nwhy: [a, b]", 5, "'why' must be a single value")]
    [TestCase("level: must", "level: [must]", 3, "'level' must be a single value")]
    [TestCase("rule: RFC 5321 §4.1.4", "rule: \"\"", 2, "'rule' must not be empty")]
    public void Expand_TopLevelKeyOfTheWrongShape_IsAnErrorAtItsLine_AsInAPlainFile(string from, string to, int line, string message)
    {
        var (scenarios, errors) = ScenarioTable.Expand(Table.Replace(from, to, StringComparison.Ordinal), "smtp/x/order", "order.table.yaml");
        Assert.That(errors.Single().ToString(), Does.StartWith($"order.table.yaml:{line}:").And.Contain(message));
        Assert.That(scenarios, Is.Empty, "a table whose shared keys are wrong generates nothing, as a plain file with them would not load");
    }

    [TestCase("    noop: { expect: 250, level: should }", "    noop: { expect: 250, level: [should] }", 23, "'level' must be a single value")]
    [TestCase("    noop: { expect: 250, level: should }", "    noop: { expect: 250, requires: auth }", 23, "'requires' must be a list")]
    [TestCase("    noop: { expect: 250, level: should }", "    noop: { expect: 250, leve: should }", 23, "unknown key 'leve' in a cell")]
    [TestCase("    noop: { expect: 250, level: should }", "    ? [noop, rcpt]\n    : 250", 23, "a command name must be a single word")]
    public void Expand_CellOfTheWrongShape_IsAnErrorAtItsLine_AndTheOtherCellsLoad(string from, string to, int line, string message)
    {
        var (scenarios, errors) = ScenarioTable.Expand(Table.Replace(from, to, StringComparison.Ordinal), "smtp/x/order", "order.table.yaml");
        Assert.That(errors.Single().ToString(), Does.StartWith($"order.table.yaml:{line}:").And.Contain(message));
        Assert.That(scenarios.Select(s => s.Id), Is.EqualTo(new[] { "smtp/x/order/fresh/rcpt", "smtp/x/order/in-data/noop" }));
    }

    [TestCase("  fresh: { title: before EHLO, setup: \"S: 220\" }", "  ? [fresh]\n  : { setup: \"S: 220\" }", 6, "a state name must be a single word")]
    [TestCase("  fresh: { title: before EHLO, setup: \"S: 220\" }", "  fresh: { title: before EHLO, setup: \"S: 220\", requires: auth }", 6, "'requires' must be a list")]
    [TestCase("  rcpt: { title: RCPT, send: \"RCPT TO:<a@b>\" }", "  rcpt: { title: RCPT, sned: \"RCPT TO:<a@b>\" }", 15, "unknown key 'sned' in commands entry 'rcpt'")]
    [TestCase("  rcpt: { title: RCPT, send: \"RCPT TO:<a@b>\" }", "  rcpt: { title: RCPT, send: \"RCPT TO:<a@b>\", multiline: yes }", 15, "'multiline' is true or false")]
    [TestCase("cells:\n  fresh:", "cells:\n  ? [fresh]\n  :", 21, "a state name must be a single word")]
    public void Expand_StateCommandOrCellKeyOfTheWrongShape_IsAFormatErrorNotAnInvalidCast(string from, string to, int line, string message)
    {
        var (_, errors) = ScenarioTable.Expand(Table.Replace(from, to, StringComparison.Ordinal), "smtp/x/order", "order.table.yaml");
        Assert.That(errors.Select(e => e.ToString()), Has.Some.StartWith($"order.table.yaml:{line}:").And.Some.Contain(message));
    }

    [Test]
    public void LoadDirectory_BrokenTable_TheRestOfTheCatalogStillLoads()
    {
        var root = Directory.CreateTempSubdirectory("table-catalog-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "smtp", "x"));
            File.WriteAllText(Path.Combine(root, "smtp", "x", "order.table.yaml"), Table.Replace("cells:\n  fresh:", "cells:\n  ? [fresh]\n  :", StringComparison.Ordinal));
            File.WriteAllText(Path.Combine(root, "smtp", "x", "greeting.yaml"), "title: greeting\nrule: RFC 5321 §4.2\nlevel: must\ndialogue: |\n  S: 220\n");
            var (scenarios, errors) = ScenarioLoader.LoadDirectory(root);
            Assert.That(scenarios.Select(s => s.Id), Does.Contain("smtp/x/greeting").And.Contain("smtp/x/order/in-data/noop"));
            Assert.That(errors.Single().ToString(), Does.Contain("order.table.yaml:21:"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public void Catalog_CommandOrderTable_CoversEveryCommandInEveryState()
    {
        var root = Path.Combine(Targets.RepositoryLayout.FindRoot()!, "scenarios");
        var (scenarios, errors) = ScenarioLoader.LoadDirectory(root);
        Assert.That(errors.Where(e => e.File.EndsWith(ScenarioTable.Extension, StringComparison.Ordinal)), Is.Empty);
        var order = scenarios.Where(s => s.Id.StartsWith("smtp/rfc5321/4.1.4/command-order/", StringComparison.Ordinal)).ToList();
        var states = order.Select(s => s.Id.Split('/')[4]).Distinct().ToList();
        var commands = order.Select(s => s.Id.Split('/')[5]).Distinct().ToList();
        Assert.That(order, Has.Count.EqualTo(states.Count * commands.Count), "a full table: no (state, command) cell missing");
        Assert.That(states, Has.Count.GreaterThanOrEqualTo(6));
        Assert.That(commands, Has.Count.GreaterThanOrEqualTo(8));
    }
}
