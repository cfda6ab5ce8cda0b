using ConformanceHarness.Running;
using ConformanceHarness.Scenarios;
using ConformanceHarness.Targets;
using ConformanceHarness.Wire;

namespace ConformanceHarness.Tests.Support;

/// <summary>Builds a scenario from a dialogue written in the test, and runs it with short timeouts.</summary>
public static class InlineScenario
{
    /// <summary>Step timeout for tests: long enough for loopback, short enough that a hang shows at once.</summary>
    public static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(1);

    public static RunOptions Options(TimeSpan? stepTimeout = null, TimeSpan? scenarioTimeout = null) => new()
    {
        Wire = new WireOptions { StepTimeout = stepTimeout ?? StepTimeout, ConnectTimeout = TimeSpan.FromSeconds(2) },
        ScenarioTimeout = scenarioTimeout ?? TimeSpan.FromSeconds(20),
    };

    public static Scenario Smtp(string dialogue, Level level = Level.Must, params string[] requires) =>
        Create("smtp/test/inline", "smtp", dialogue, level, requires);

    public static Scenario Pop3(string dialogue, Level level = Level.Must, params string[] requires) =>
        Create("pop3/test/inline", "pop3", dialogue, level, requires);

    public static Scenario Create(string id, string role, string dialogue, Level level, IReadOnlyList<string> requires) => new()
    {
        Id = id,
        File = "inline.yaml",
        Title = "inline test scenario",
        Rule = "test",
        Level = level,
        Protocol = id.Split('/')[0],
        Role = role,
        Requires = requires,
        Steps = DialogueParser.Parse(dialogue, 1),
        Dialogue = dialogue,
    };

    public static Task<ScenarioResult> RunAsync(Scenario scenario, RunningTarget target, RunOptions? options = null) =>
        new ScenarioRunner(options ?? Options()).RunAsync(scenario, target, CancellationToken.None);

    /// <summary>The result with its transcript, for assertion messages.</summary>
    public static string Explain(ScenarioResult result) =>
        $"{result.Verdict} at line {result.Line}: {result.Summary}\nexpected: {result.Expected}\nactual: {result.Actual}\n{result.RenderTranscript()}";
}
