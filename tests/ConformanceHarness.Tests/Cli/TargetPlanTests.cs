using ConformanceHarness.Cli.Execution;
using ConformanceHarness.Scenarios;
using ConformanceHarness.Targets;
using ConformanceHarness.Tests.Reporting;

namespace ConformanceHarness.Tests.Cli;

public sealed class TargetPlanTests
{
    private static readonly Scenario[] Catalog =
    [
        SampleReport.Scenario("smtp/a"),
        SampleReport.Scenario("pop3/b"),
        SampleReport.Scenario("smtp/c"),
    ];

    [Test]
    public void For_EachTargetGetsTheScenariosOfItsProtocols_InCatalogOrder()
    {
        var plans = TargetPlan.For(
            [
                new TargetProfile { Name = "postfix", Kind = "container", Protocols = ["smtp"] },
                new TargetProfile { Name = "dovecot", Kind = "container", Protocols = ["pop3"] },
                new TargetProfile { Name = "both", Kind = "process", Protocols = ["smtp", "pop3"] },
            ],
            Catalog);
        Assert.That(plans.Select(p => p.Scenarios.Select(s => s.Id)), Is.EqualTo(new[]
        {
            new[] { "smtp/a", "smtp/c" },
            new[] { "pop3/b" },
            new[] { "smtp/a", "pop3/b", "smtp/c" },
        }));
    }

    [Test]
    public void For_TargetsWithOneName_GetDistinctNames_ProcessesByTheirCommand()
    {
        var plans = TargetPlan.For(
            [
                new TargetProfile { Name = "process:python3", Kind = "process", Command = "python3 alice.py {port}" },
                new TargetProfile { Name = "process:python3", Kind = "process", Command = "python3 bob.py {port}" },
                new TargetProfile { Name = "live:127.0.0.1:25", Kind = "live" },
                new TargetProfile { Name = "live:127.0.0.1:25", Kind = "live" },
                new TargetProfile { Name = "postfix", Kind = "container" },
            ],
            Catalog);
        Assert.That(plans.Select(p => p.Profile.Name), Is.EqualTo(new[]
        {
            "python3 alice.py {port}", "python3 bob.py {port}", "live:127.0.0.1:25", "live:127.0.0.1:25#2", "postfix",
        }));
    }
}
