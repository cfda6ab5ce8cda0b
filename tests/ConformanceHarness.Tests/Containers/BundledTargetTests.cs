using System.Diagnostics;
using ConformanceHarness.Containers;
using ConformanceHarness.Running;
using ConformanceHarness.Scenarios;
using ConformanceHarness.Targets;

namespace ConformanceHarness.Tests.Containers;

/// <summary>The bundled servers as real targets: they start, greet, relay only where they should, and leave nothing behind.</summary>
[Category("Container")]
public sealed class BundledTargetTests
{
    private static IEnumerable<string> Names() => BundledTargets.LoadAll().Select(p => p.Name);

    [TestCaseSource(nameof(Names))]
    public async Task BundledTarget_Started_GreetsOnEveryRole(string name)
    {
        var clock = Stopwatch.StartNew();
        var target = await BundledTargetPool.GetAsync(name);
        TestContext.Out.WriteLine($"{name}: ready in {clock.Elapsed.TotalSeconds:0.0}s (including image build if needed); roles {string.Join(", ", target.Roles.Select(r => $"{r.Key}={r.Value}"))}");
        Assert.That(target.Roles.Keys, Is.EquivalentTo(BundledTargetPool.Profile(name).Ports.Keys));
        Assert.That(target.Roles.Values.Select(r => r.Host), Is.All.EqualTo("127.0.0.1"), "ports are published on loopback only");
    }

    [Test]
    public async Task OpenRelayControl_RelaysForeignMail_ToTheSink()
    {
        var result = await RunAsync("postfix-openrelay", RelayDialogue);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), result.Summary + "\n" + result.RenderTranscript());
    }

    [Test]
    public async Task CorrectPostfix_RefusesForeignMail_AndNothingReachesTheSink()
    {
        var result = await RunAsync("postfix", RelayDialogue);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Fail), "the relay attempt must be refused at RCPT");
        Assert.That(result.Expected, Is.EqualTo("250"));
        Assert.That(result.Actual, Does.StartWith("454").Or.StartWith("550").Or.StartWith("554"));
    }

    [Test]
    public async Task Postfix_DeliversLocalMail_ReadableOverPop3()
    {
        var result = await RunAsync("postfix", """
            S: 220
            C: EHLO {{client}}
            S: 250
            C: MAIL FROM:<sender@{{foreign_domain}}>
            S: 250
            C: RCPT TO:<{{user}}@{{domain}}>
            S: 250
            C: DATA
            S: 354
            C: Subject: round trip {{token}}
            C:
            C: body {{token}}
            C: .
            S: 250
            C: QUIT
            S: 221
            DELIVERED mailbox {{token}} within 20s
            """);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), result.Summary + "\n" + result.RenderTranscript());
    }

    [Test]
    public async Task Containers_CannotReachOutside()
    {
        await BundledTargetPool.EnsureEngineAsync();
        var root = RepositoryLayout.FindRoot()!;
        using var check = Process.Start(new ProcessStartInfo("bash", [Path.Combine(root, ".ci", "engine.sh"), "--check-egress"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await check.StandardOutput.ReadToEndAsync() + await check.StandardError.ReadToEndAsync();
        await check.WaitForExitAsync();
        TestContext.Out.WriteLine(output);
        Assert.That(check.ExitCode, Is.Zero, $"a container reached outside this machine:\n{output}");
    }

    [Test]
    public async Task LeftoverContainer_OfADeadRun_IsSweptOnNextStart()
    {
        await BundledTargetPool.EnsureEngineAsync();
        var image = await ContainerImages.BaseImageAsync(await BundledTargetPool.Launcher.EngineAsync(CancellationToken.None), CancellationToken.None);

        // A container labelled as owned by a process id that does not exist: what a killed run leaves behind.
        var name = $"ch-leftover-{Guid.NewGuid():N}"[..24];
        using (var create = Process.Start("docker", ["run", "-d", "--name", name, "--label", $"{DockerEngine.OwnerLabel}=999999", image, "sleep", "300"]))
        {
            await create.WaitForExitAsync();
            Assert.That(create.ExitCode, Is.Zero, "could not create the leftover container");
        }

        using var engine = await DockerEngine.ConnectAsync(EngineEndpoint.FromEnvironment(), CancellationToken.None);
        var removed = await engine.SweepLeftoversAsync(CancellationToken.None);
        using var inspect = Process.Start(new ProcessStartInfo("docker", ["inspect", name]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        await inspect.WaitForExitAsync();
        Assert.That(removed, Is.GreaterThanOrEqualTo(1));
        Assert.That(inspect.ExitCode, Is.Not.Zero, "the leftover container still exists");
    }

    [Test]
    public async Task UsersOwnDockerfile_InAProfile_IsBuiltStartedAndGraded()
    {
        await BundledTargetPool.EnsureEngineAsync();

        // A server developer's layout: their Dockerfile folder beside their profile, the path relative to the profile.
        var work = Directory.CreateTempSubdirectory("ch-own-");
        try
        {
            var images = Path.Combine(RepositoryLayout.TargetsDirectory(), "images", "exim");
            var serverDir = Directory.CreateDirectory(Path.Combine(work.FullName, "my-server"));
            foreach (var file in Directory.EnumerateFiles(images))
            {
                File.Copy(file, Path.Combine(serverDir.FullName, Path.GetFileName(file)));
            }

            var profilePath = Path.Combine(work.FullName, "my-server.yaml");
            await File.WriteAllTextAsync(profilePath, """
                name: my-server
                kind: container
                protocols: [smtp]
                container: { dockerfile: my-server/Dockerfile }
                ports: { smtp: 25 }
                identity: { domain: example.test, user: alice, password: wonderland }
                """);
            var profile = TargetResolver.Resolve($"profile:{profilePath}");
            Assert.That(profile.Container!.Dockerfile, Is.EqualTo(Path.Combine(serverDir.FullName, "Dockerfile")));
            await using var target = await BundledTargetPool.Launcher.StartAsync(profile, CancellationToken.None);
            var scenario = new Scenario
            {
                Id = "smtp/test/greeting",
                File = "inline",
                Title = "greeting",
                Rule = "RFC 5321 §4.3.1",
                Level = Level.Must,
                Protocol = "smtp",
                Role = "smtp",
                Steps = DialogueParser.Parse("S: 220\nC: QUIT\nS: 221", 1),
                Dialogue = "",
            };
            var result = await new ScenarioRunner().RunAsync(scenario, target, CancellationToken.None);
            Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), result.Summary);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private const string RelayDialogue = """
        S: 220
        C: EHLO {{client}}
        S: 250
        C: MAIL FROM:<sender@{{foreign_domain}}>
        S: 250
        C: RCPT TO:<victim@{{foreign_domain}}>
        S: 250
        C: DATA
        S: 354
        C: Subject: relay test {{token}}
        C:
        C: {{token}}
        C: .
        S: 250
        C: QUIT
        S: 221
        DELIVERED sink {{token}} within 20s
        """;

    private static async Task<ScenarioResult> RunAsync(string targetName, string dialogue)
    {
        var target = await BundledTargetPool.GetAsync(targetName);
        var scenario = new Scenario
        {
            Id = "smtp/test/inline",
            File = "inline",
            Title = "inline",
            Rule = "test",
            Level = Level.Must,
            Protocol = "smtp",
            Role = "smtp",
            Steps = DialogueParser.Parse(dialogue, 1),
            Dialogue = dialogue,
        };
        return await new ScenarioRunner().RunAsync(scenario, target, CancellationToken.None);
    }
}
