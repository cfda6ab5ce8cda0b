using ConformanceHarness.Delivery;
using ConformanceHarness.Running;
using ConformanceHarness.Scenarios;
using ConformanceHarness.Smtp;
using ConformanceHarness.Tests.Fakes;
using ConformanceHarness.Tests.Support;

namespace ConformanceHarness.Tests.Running;

/// <summary>
/// ASSERT and the scenario-error boundary: a check that cannot judge the server (bad argument, no reply) never passes,
/// and only the harness's own "undefined variable" error is taken for the scenario's fault.
/// </summary>
[Parallelizable(ParallelScope.Children)]
public sealed class AssertStepTests
{
    [TestCase("equals a b")]
    [TestCase("same {{reply_code}}")]
    [TestCase("compare {{reply_code}} is big")]
    [TestCase("one-of {{reply_code}}")]
    public async Task Assert_MalformedArgument_IsAScenarioErrorNotTheServersFail(string assert)
    {
        await using var fake = FakeTarget.Start();
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp($"S: 220\nC: EHLO c\nS: 250\nASSERT {assert}\nC: QUIT\nS: 221"), fake.Target);
        Assert.That((result.Verdict, result.Line), Is.EqualTo((Verdict.Error, 4)), InlineScenario.Explain(result));
        Assert.That(result.Summary, Does.StartWith("scenario error: ASSERT "));
    }

    [Test]
    public async Task Assert_MalformedPop3Argument_IsAScenarioError()
    {
        await using var fake = FakeTarget.Start();
        var result = await InlineScenario.RunAsync(InlineScenario.Pop3("S: +OK\nC: CAPA\nS+: +OK\nASSERT top-lines many\nC: QUIT\nS: +OK"), fake.Target);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Error), InlineScenario.Explain(result));
        Assert.That(result.Summary, Does.Contain("top-lines needs a number"));
    }

    [TestCase("crlf")]
    [TestCase("text-lacks secret")]
    public async Task Assert_ReplyCheckBeforeAnyReply_FailsWithNoReplyToCheck(string assert)
    {
        await using var fake = FakeTarget.Start();
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp($"ASSERT {assert}\nS: 220\nC: QUIT\nS: 221"), fake.Target);
        Assert.That((result.Verdict, result.Line), Is.EqualTo((Verdict.Fail, 1)), InlineScenario.Explain(result));
        Assert.That(result.Summary, Does.Contain("no reply to check"));
    }

    [Test]
    public async Task Assert_EnhancedStatusAllAfterOnlyGreetingAndEhlo_FailsWithNoReplyToCheck()
    {
        await using var fake = FakeTarget.Start();
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp("S: 220\nC: EHLO c\nS: 250\nASSERT enhanced-status-all"), fake.Target);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Fail), InlineScenario.Explain(result));
        Assert.That(result.Summary, Does.Contain("no reply to check"));
    }

    [Test]
    public void EnhancedStatusAll_OnlyTheGreeting_SaysNoReplyToCheck()
    {
        var greeting = new SmtpReply(220, ["mx ready"], null, ["220 mx ready"]);
        var context = new CheckContext(greeting, null, [], new Dictionary<string, string>()) { SessionSmtp = [greeting] };
        Assert.That(ReplyChecks.Evaluate("enhanced-status-all", string.Empty, context), Does.StartWith("no reply to check"));
    }

    [Test]
    public async Task UndefinedVariable_IsAScenarioError()
    {
        await using var fake = FakeTarget.Start();
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp("S: 220\nC: HELO {{nobody}}\nS: 250"), fake.Target);
        Assert.That((result.Verdict, result.Line), Is.EqualTo((Verdict.Error, 2)), InlineScenario.Explain(result));
        Assert.That(result.Summary, Does.StartWith("scenario error: variable '{{nobody}}' is not defined"));
    }

    [Test]
    public async Task KeyNotFoundInsideTheHarness_IsNotTakenForAScenarioError()
    {
        await using var fake = FakeTarget.Start();
        fake.Target.Oracles["sink"] = new BrokenOracle();
        ScenarioResult? result = null;
        try
        {
            result = await InlineScenario.RunAsync(InlineScenario.Smtp("S: 220\nDELIVERED sink {{token}} within 1s"), fake.Target);
        }
        catch (KeyNotFoundException)
        {
            // A harness fault may surface as the exception itself (the caller makes it a harness Error).
        }

        Assert.That(result?.Summary ?? string.Empty, Does.Not.StartWith("scenario error"));
    }

    /// <summary>An oracle with a bug of its own: a dictionary lookup that fails inside the harness, not in a template.</summary>
    private sealed class BrokenOracle : IDeliveryOracle
    {
        public Task<IReadOnlyList<DeliveredMessage>> WaitAsync(string token, int atLeast, TimeSpan within, CancellationToken cancellationToken) =>
            throw new KeyNotFoundException("the given key 'x' was not present in the dictionary");
    }
}
