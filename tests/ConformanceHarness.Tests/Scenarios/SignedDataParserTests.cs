using ConformanceHarness.Scenarios;

namespace ConformanceHarness.Tests.Scenarios;

/// <summary>SIGNED-DATA: the one step that owns the lines after it (the message, up to <c>C: .</c>).</summary>
public sealed class SignedDataParserTests
{
    [Test]
    public void SignedData_TakesTheMessageLines_UpToTheEnd()
    {
        var steps = DialogueParser.Parse("S: 354\nSIGNED-DATA d=dkim.test altered\nC: From: <a@dkim.test>\n# a comment\nC:\nC: body {{token}}\nC: .\nS: 250\n", 10);

        Assert.That(steps.Select(s => s.GetType().Name), Is.EqualTo(new[] { "ExpectStep", "SignedDataStep", "ExpectStep" }));
        var signed = (SignedDataStep)steps[1];
        Assert.Multiple(() =>
        {
            Assert.That(signed.Line, Is.EqualTo(11));
            Assert.That(signed.DomainTemplate, Is.EqualTo("dkim.test"));
            Assert.That(signed.Selector, Is.EqualTo("sel"));
            Assert.That(signed.AlterBody, Is.True);
            Assert.That(signed.MessageLines, Is.EqualTo(new[] { "From: <a@dkim.test>", string.Empty, "body {{token}}" }));
            Assert.That(steps[2].Line, Is.EqualTo(17));
        });
    }

    [TestCase("SIGNED-DATA d=dkim.test\nC: From: <a@dkim.test>\nS: 250\n", 3, "only C: lines")]
    [TestCase("SIGNED-DATA d=dkim.test\nC: From: <a@dkim.test>\n", 1, "no end")]
    [TestCase("SIGNED-DATA\nC: .\n", 1, "SIGNED-DATA d=DOMAIN")]
    [TestCase("SIGNED-DATA d=dkim.test\nC: .\n", 1, "needs a message")]
    public void SignedData_Malformed_NamesTheLine(string dialogue, int line, string message)
    {
        var error = Assert.Throws<ScenarioFormatException>(() => DialogueParser.Parse(dialogue, 1));

        Assert.That(error!.Line, Is.EqualTo(line));
        Assert.That(error.Message, Does.Contain(message));
    }
}
