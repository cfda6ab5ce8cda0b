using ConformanceHarness.Scenarios;

namespace ConformanceHarness.Tests.Scenarios;

/// <summary>The FINDING branch of S:, the CONFIRM step and 'show' on the delivery oracle.</summary>
public sealed class FindingParserTests
{
    [Test]
    public void Finding_ParsesRefusalAndFindingPatterns()
    {
        var step = (ExpectStep)DialogueParser.Parse("S: 5xx | 45x FINDING 2xx | 251: accepted for relay", 7).Single();
        Assert.That(step.Expectation.Preferred.Select(p => p.Text), Is.EqualTo(new[] { "5xx", "45x" }));
        Assert.That(step.Expectation.Finding!.Patterns.Select(p => p.Text), Is.EqualTo(new[] { "2xx", "251" }));
        Assert.That(step.Expectation.Finding.Description, Is.EqualTo("accepted for relay"));
    }

    [Test]
    public void Finding_WithElseAndRegex_KeepsBoth()
    {
        var step = (ExpectStep)DialogueParser.Parse("S: 550 else 5xx /relay/i FINDING 250: accepted", 1).Single();
        Assert.That((step.Expectation.Preferred.Single().Text, step.Expectation.Tolerated.Single().Text, step.Expectation.TextPattern!.ToString()), Is.EqualTo(("550", "5xx", "relay")));
        Assert.That(step.Expectation.Finding!.Description, Is.EqualTo("accepted"));
    }

    [TestCase("S: 5xx FINDING 2xx", "colon")]
    [TestCase("S: 5xx FINDING 2xx:", "colon")]
    [TestCase("S: FINDING 2xx: x", "reply that means the rule held")]
    [TestCase("S: 5xx FINDING any: x", "any")]
    [TestCase("S: 5xx FINDING 9xx: x", "not a reply pattern")]
    public void Finding_Malformed_NamesTheLine(string line, string message)
    {
        var e = Assert.Throws<ScenarioFormatException>(() => DialogueParser.Parse(line, 12))!;
        Assert.That(e.Line, Is.EqualTo(12));
        Assert.That(e.Message, Does.Contain(message));
    }

    [Test]
    public void Confirm_ParsesOracleTokenWithinShowAndLabel()
    {
        var step = (ConfirmStep)DialogueParser.Parse("CONFIRM sink {{token}} within 15s show Received,From: confirmed relay", 3).Single();
        Assert.That((step.Where, step.TokenTemplate, step.Within, step.Label), Is.EqualTo(("sink", "{{token}}", TimeSpan.FromSeconds(15), "confirmed relay")));
        Assert.That(step.Show, Is.EqualTo(new[] { "Received", "From" }));
    }

    [Test]
    public void Confirm_WithoutLabel_IsConfirmed()
    {
        var step = (ConfirmStep)DialogueParser.Parse("CONFIRM mailbox {{token}} within 2s", 1).Single();
        Assert.That((step.Label, step.Show), Is.EqualTo(("confirmed", (IReadOnlyList<string>?)null)));
    }

    [TestCase("CONFIRM sink {{token}}")]
    [TestCase("CONFIRM elsewhere {{token}} within 2s")]
    [TestCase("CONFIRM sink {{token}} within 2s count 2")]
    [TestCase("CONFIRM sink {{token}} within 2s:")]
    public void Confirm_Malformed_Throws(string line) =>
        Assert.Throws<ScenarioFormatException>(() => DialogueParser.Parse(line, 1));

    [Test]
    public void Delivered_Show_IsParsed()
    {
        var step = (DeliveryStep)DialogueParser.Parse("DELIVERED mailbox {{token}} within 5s show From", 1).Single();
        Assert.That(step.Show, Is.EqualTo(new[] { "From" }));
    }
}
