using ConformanceHarness.Cli;
using ConformanceHarness.Cli.Rendering;
using ConformanceHarness.Tests.Reporting;

namespace ConformanceHarness.Tests.Cli;

public sealed class ResultTableTests
{
    private static string Render(int width)
    {
        using var output = new StringWriter();
        var host = CliHost.ForWriters(output, TextWriter.Null, width);
        host.Out.Write(ResultTable.Build(SampleReport.Build().Entries.Take(3), width));
        return output.ToString();
    }

    [Test]
    public void Build_Wide_ShowsRuleAndLevel()
    {
        var text = Render(200);
        Assert.That(text, Does.Contain("Rule").And.Contain("Level").And.Contain("RFC 5321 §4.1.4"));
        Assert.That(text, Does.Contain("✗ fail").And.Contain("(known deviation)"));
    }

    [Test]
    public void Build_Narrow_LeavesRuleAndLevelOut_KeepsIdsWhole()
    {
        var text = Render(100);
        Assert.That(text, Does.Not.Contain("Rule").And.Not.Contain("Level"));
        Assert.That(text, Does.Contain("smtp/rfc5321/4.1.4/rcpt-before-mail"));
        Assert.That(text.Split('\n').Max(l => l.TrimEnd().Length), Is.LessThanOrEqualTo(100));
    }
}
