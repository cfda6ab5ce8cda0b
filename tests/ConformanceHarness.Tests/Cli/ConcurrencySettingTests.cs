using ConformanceHarness.Cli.Execution;
using ConformanceHarness.Targets;

namespace ConformanceHarness.Tests.Cli;

/// <summary>Scenarios at once per target: the user's <c>-j</c>, else the profile's <c>concurrency:</c>, else 4 (1 for live).</summary>
public sealed class ConcurrencySettingTests
{
    private static TargetProfile Profile(string extra, string kind = "container") =>
        TargetProfileLoader.Parse($"name: x\nkind: {kind}\n{(kind == "live" ? "host: 127.0.0.1\n" : "container: { image: x }\n")}{extra}", "x.yaml");

    [Test]
    public void ProfileConcurrency_WithoutJ_IsUsed() =>
        Assert.That(new ExecutionSettings().ConcurrencyFor(Profile("concurrency: 8\n")), Is.EqualTo(8));

    [Test]
    public void UserJ_WinsOverTheProfile() =>
        Assert.That(new ExecutionSettings { Concurrency = 2 }.ConcurrencyFor(Profile("concurrency: 8\n")), Is.EqualTo(2));

    [TestCase("container", 4)]
    [TestCase("live", 1)]
    public void NoProfileConcurrency_KindDefault(string kind, int expected) =>
        Assert.That(new ExecutionSettings().ConcurrencyFor(Profile(string.Empty, kind)), Is.EqualTo(expected));

    [TestCase("concurrency: 0\n")]
    [TestCase("concurrency: 101\n")]
    public void ProfileConcurrency_OutOfRange_IsAProfileError(string extra) =>
        Assert.That(() => Profile(extra), Throws.TypeOf<TargetSpecException>().With.Message.Contains("must be from 1 to 100"));
}
