using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using ConformanceHarness.Running;
using ConformanceHarness.Scenarios;
using ConformanceHarness.Targets;
using ConformanceHarness.Tests.Containers;

namespace ConformanceHarness.Tests.Conformance;

/// <summary>
/// The conformance suite as NUnit test cases: every catalog scenario × every bundled container target that speaks its
/// protocol, named <c>smtp/rfc5321/4.1.4/rcpt-before-mail @ postfix</c>, with categories for the RFC(s) of its rule
/// (<c>RFC5321</c>), its level (<c>must</c>) and each tag, so <c>dotnet test --filter "TestCategory=relay"</c> picks them.
/// Verdicts map to outcomes: Pass and Info pass; Warn and known deviations warn; Skip is ignored; Inconclusive is
/// inconclusive; Fail and Error fail. On a control, a scenario it was built to fail (<c>must_fail</c>) must Fail.
/// They run in CI: every Fail or Warn a correct bundled server gives is recorded in its profile as an explained
/// deviation, so a new unexplained one (a harness change, a changed image) fails the suite.
/// </summary>
[Category("Container")]
[Category("Conformance")]
[Parallelizable(ParallelScope.Children)]
public sealed partial class ScenarioCases
{
    private static readonly Lazy<Catalog> Loaded = new(Catalog.Load);

    /// <summary>One session per target, as <c>run</c> has: its scenarios that open the maildrop take turns (see <see cref="TargetSession"/>).</summary>
    private static readonly ConcurrentDictionary<string, TargetSession> Sessions = new(StringComparer.Ordinal);

    public static IEnumerable<TestCaseData> Cases()
    {
        var catalog = Loaded.Value;
        foreach (var error in catalog.Errors)
        {
            // A scenario that does not load must not silently drop out of the suite.
            yield return new TestCaseData(error.ToString(), string.Empty).SetName($"catalog: {error.File}").SetCategory("Catalog");
        }

        // Round-robin over the targets (the first scenario of every target, then the second…): the workers then spread
        // over all targets at once instead of queueing behind one slow target's own concurrency limit.
        var perTarget = catalog.Targets
            .Select(profile => catalog.Scenarios.Where(s => profile.Protocols.Contains(s.Protocol, StringComparer.OrdinalIgnoreCase)).Select(s => (Scenario: s, Profile: profile)).ToList())
            .ToList();
        var longest = perTarget.Select(l => l.Count).DefaultIfEmpty().Max();
        for (var i = 0; i < longest; i++)
        {
            foreach (var (scenario, profile) in perTarget.Where(l => i < l.Count).Select(l => l[i]))
            {
                var data = new TestCaseData(scenario.Id, profile.Name).SetName($"{scenario.Id} @ {profile.Name}");
                foreach (var category in Categories(scenario, profile))
                {
                    data.SetCategory(category);
                }

                yield return data;
            }
        }
    }

    /// <summary>RFC5321 (each RFC the rule names), the level, each tag, and Control for the deliberately wrong targets.</summary>
    public static IEnumerable<string> Categories(Scenario scenario, TargetProfile profile)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(profile);
        var categories = RfcNumber().Matches(scenario.Rule).Select(m => $"RFC{m.Groups[1].Value}")
            .Append(scenario.Level.ToString().ToLowerInvariant())
            .Concat(scenario.Tags);
        if (profile.Control)
        {
            categories = categories.Append("Control");
        }

        return categories.Distinct(StringComparer.Ordinal);
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Scenario(string scenarioId, string targetName)
    {
        if (targetName.Length == 0)
        {
            Assert.Fail($"scenario file does not load: {scenarioId}");
        }

        var scenario = Loaded.Value.Scenarios.Single(s => s.Id == scenarioId);
        var target = await BundledTargetPool.GetAsync(targetName);
        var session = Sessions.GetOrAdd(targetName, _ => new TargetSession(target, new RunOptions(), TargetSession.DefaultConcurrency(target.Profile.Kind)));
        var result = await session.RunAsync(scenario, CancellationToken.None);

        TestContext.Out.WriteLine(Evidence(scenario, result));

        var mustFail = target.Profile.MustFail.Any(p => ScenarioPattern.Covers(p, scenario.Id));
        if (mustFail)
        {
            // The other half of "proven both ways": the control was built wrong for this check, so the check must see it.
            Assert.That(result.Verdict, Is.EqualTo(Verdict.Fail), $"{targetName} is built to fail this check, but it was graded {result.Verdict}: {result.Summary}");
            return;
        }

        switch (result.Verdict)
        {
            case Verdict.Pass or Verdict.Info:
                return;
            case Verdict.Warn:
                Assert.Warn($"{result.Summary}{Deviation(result)}");
                return;
            case Verdict.Fail when result.Deviation is not null:
                Assert.Warn($"{result.Deviation}: {result.Summary}");
                return;
            case Verdict.Skip:
                Assert.Ignore(result.Summary);
                return;
            case Verdict.Inconclusive:
                Assert.Inconclusive($"{result.Summary}{Deviation(result)}");
                return;
            default:
                Assert.Fail($"{result.Verdict}: {result.Summary}\nexpected: {result.Expected}\nactual: {result.Actual}\nat: {scenario.File}:{result.Line}");
                return;
        }
    }

    private static string Deviation(ScenarioResult result) => result.Deviation is null ? string.Empty : $" ({result.Deviation})";

    private static string Evidence(Scenario scenario, ScenarioResult result) =>
        $"{result.Verdict}: {result.Summary}\nrule: {scenario.Rule} ({scenario.Level})\n" +
        (result.Expected is null ? string.Empty : $"expected: {result.Expected}\n") +
        (result.Actual is null ? string.Empty : $"actual: {result.Actual}\n") +
        (result.Line is { } line ? $"at: {scenario.File}:{line}\n" : string.Empty) +
        string.Concat(result.Notes.Select(n => $"note: {n}\n")) +
        $"transcript:\n{result.RenderTranscript()}";

    [GeneratedRegex(@"RFC\s*(\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex RfcNumber();

    /// <summary>The repository's catalog and bundled targets, read once per test run.</summary>
    private sealed record Catalog(IReadOnlyList<Scenario> Scenarios, IReadOnlyList<ScenarioError> Errors, IReadOnlyList<TargetProfile> Targets)
    {
        public static Catalog Load()
        {
            var root = RepositoryLayout.FindRoot();
            if (root is null)
            {
                return new Catalog([], [], []);
            }

            var (scenarios, errors) = ScenarioLoader.LoadDirectory(Path.Combine(root, "scenarios"));
            return new Catalog(scenarios, errors, BundledTargets.LoadAll(root).Where(p => p.Kind == "container").ToList());
        }
    }
}
