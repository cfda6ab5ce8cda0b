using System.Text;
using ConformanceHarness.Scenarios;

namespace ConformanceHarness.Tests.Scenarios;

public sealed class TemplateTests
{
    private static readonly Dictionary<string, string> Variables = new()
    {
        ["user"] = "alice",
        ["domain"] = "example.test",
        ["captured"] = @"a\nb",
    };

    [Test]
    public void RenderBytes_Variables_AreExpanded()
    {
        Assert.That(Encoding.UTF8.GetString(Template.RenderBytes("RCPT TO:<{{user}}@{{ domain }}>", Variables)), Is.EqualTo("RCPT TO:<alice@example.test>"));
    }

    [Test]
    public void RenderBytes_EscapesInScenarioText_AreApplied()
    {
        Assert.That(Template.RenderBytes(@"{{user}}\r\n.\r\n", Variables), Is.EqualTo("alice\r\n.\r\n"u8.ToArray()));
    }

    [Test]
    public void RenderBytes_VariableValue_IsInsertedVerbatimNotUnescaped()
    {
        Assert.That(Encoding.UTF8.GetString(Template.RenderBytes("X {{captured}}", Variables)), Is.EqualTo(@"X a\nb"));
    }

    [Test]
    public void RenderBytes_UnknownVariable_NamesItAndTheKnownOnes()
    {
        Assert.That(
            () => Template.RenderBytes("{{nobody}}", Variables),
            Throws.InstanceOf<KeyNotFoundException>().With.Message.Contains("{{nobody}}").And.Message.Contains("domain, user"));
    }

    [Test]
    public void RenderText_LeavesEscapesAsWritten()
    {
        Assert.That(Template.RenderText(@"{{user}}\r\n", Variables), Is.EqualTo(@"alice\r\n"));
    }

    [Test]
    public void Names_ListsEveryVariableUsed()
    {
        Assert.That(Template.Names("{{a}} and {{ b_2 }} but not {single}"), Is.EqualTo(new[] { "a", "b_2" }));
    }
}
