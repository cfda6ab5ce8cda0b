using System.Diagnostics;
using System.Globalization;
using ConformanceHarness.Cli;
using ConformanceHarness.Containers;
using ConformanceHarness.Reporting;
using ConformanceHarness.Targets;
using ConformanceHarness.Tests.Cli;

namespace ConformanceHarness.Tests.Containers;

/// <summary>
/// A real second engine (<c>.ci/second-engine.sh</c>: a dockerd of its own on this host, reached at
/// tcp://10.213.0.1:23751, an address that is not loopback, so the harness treats it as an engine elsewhere): a bundled
/// target and the scenarios that need the capture sink run there with the local engine's socket out of reach, images are
/// built there, its egress block is vouched for only while it is marked, and two shards on two engines merge into the
/// one-engine run.
/// </summary>
[Category("SecondEngine")]
[NonParallelizable]
public sealed class SecondEngineTests
{
    private string root = null!;
    private string second = null!;

    [OneTimeSetUp]
    public async Task StartTheSecondEngine()
    {
        await BundledTargetPool.EnsureEngineAsync();
        root = RepositoryLayout.FindRoot() ?? throw new InvalidOperationException("no repository root");
        var start = await ShellAsync("bash", [Path.Combine(root, ".ci", "second-engine.sh"), "start"], TimeSpan.FromMinutes(5));
        Assert.That(start.Code, Is.Zero, $"second-engine.sh start failed:\n{start.Output}");
        second = start.Output.TrimEnd().Split('\n')[^1].Trim();
        Assert.That(second, Does.StartWith("tcp://"), start.Output);
    }

    [OneTimeTearDown]
    public async Task StopTheSecondEngine() =>
        await ShellAsync("bash", [Path.Combine(root, ".ci", "second-engine.sh"), "stop"], TimeSpan.FromMinutes(1));

    [Test]
    public async Task BundledTarget_OnTheSecondEngineOnly_RelayAndSmugglingGoThroughTheContainerSink()
    {
        var json = Path.Combine(Path.GetTempPath(), $"ch-second-{Guid.NewGuid():N}.json");
        var since = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 1;

        // Its own mount namespace, with the local engine's socket covered by /dev/null: nothing in that process can reach
        // the first engine (checked before the CLI starts), and DOCKER_HOST names the second one only.
        const string Hide = "mount --bind /dev/null /var/run/docker.sock && ! env -u DOCKER_HOST docker version >/dev/null 2>&1 && exec \"$@\"";
        string[] args =
        [
            "-m", "sh", "-c", Hide, "sh", "dotnet", Path.Combine(TestContext.CurrentContext.TestDirectory, "conformance-harness.dll"),
            "compare", "--target", "container:exim", "--target", "container:exim-openrelay", "--select", "smtp/relay", "--select", "smtp/smuggling",
            "--scenarios", Path.Combine(root, "scenarios"), "--json", json,
        ];
        var run = await ShellAsync("unshare", args, TimeSpan.FromMinutes(6), ("DOCKER_HOST", second));
        try
        {
            Assert.That(run.Code, Is.EqualTo(ExitCodes.Success), run.Output);
            Assert.That(run.Output, Does.Contain($"engine {second}/: targets' egress is blocked (bridge chbr1"));
            Assert.That(run.Output, Does.Contain("capture sink: a relay container at 10.213.").And.Contain("reached through 10.213.0.1"));

            var report = await ReportDocument.LoadAsync(json, CancellationToken.None);
            var exim = report.Results.Where(r => r.Target == "exim").ToList();
            Assert.That(exim, Has.Count.GreaterThanOrEqualTo(40));
            Assert.That(exim.Where(r => r.Verdict is "fail" or "error" or "skip").Select(r => $"{r.Scenario}: {r.Verdict} {r.Summary}"), Is.Empty,
                "exim refuses every relay and every smuggling carrier is delivered (to its mbox, and through the sink) without a second message");
            Assert.That(exim.Where(r => r.Scenario.StartsWith("smtp/smuggling/end-of-data/relayed/", StringComparison.Ordinal)), Is.Not.Empty);
            var relay = report.Results.Single(r => r.Target == "exim-openrelay" && r.Scenario == "smtp/relay/plain");
            Assert.That(relay.Summary, Does.StartWith("confirmed relay"), "the relayed message reached the sink on the second engine");
        }
        finally
        {
            File.Delete(json);
        }

        // The first engine saw nothing of that process: no event of a container labelled with its pid.
        var events = await ShellAsync(
            "docker",
            ["events", "--since", since.ToString(CultureInfo.InvariantCulture), "--until", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), "--filter", $"label={DockerEngine.OwnerLabel}={run.Pid}", "--format", "{{.Type}} {{.Action}}"],
            TimeSpan.FromMinutes(1),
            ("DOCKER_HOST", null));
        Assert.That(events.Code, Is.Zero, events.Output);
        Assert.That(events.Output.Trim(), Is.Empty, "the first engine was not used");
        using var engine = await DockerEngine.ConnectAsync(EngineEndpoint.Parse(second), CancellationToken.None);
        Assert.That(await engine.CountOwnedAsync(CancellationToken.None), Is.Zero, "the run removed its containers (the sink's relay too) from the second engine");
    }

    [Test]
    public async Task OwnDockerfile_OnTheSecondEngine_IsBuiltThere()
    {
        var folder = Directory.CreateTempSubdirectory("ch-second-build-");
        try
        {
            // A fresh marker, so a fresh inputs hash: the image cannot already exist anywhere.
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "Dockerfile"), "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nCOPY marker /marker\n");
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "marker"), Guid.NewGuid().ToString());
            using var engine = await DockerEngine.ConnectAsync(EngineEndpoint.Parse(second), CancellationToken.None);
            var reference = await ContainerImages.EnsureBuiltAsync(engine, "second-engine-build-test", folder.FullName, null, CancellationToken.None);
            Assert.That(reference, Does.Contain(":"));
            Assert.That(await engine.HasImageAsync(reference, CancellationToken.None), Is.True, "built on the second engine, on its own base image");
            var local = await ShellAsync("docker", ["image", "inspect", reference], TimeSpan.FromMinutes(1), ("DOCKER_HOST", null));
            Assert.That(local.Code, Is.Not.Zero, "and not on the first");
            await ShellAsync("docker", ["rmi", reference], TimeSpan.FromMinutes(1), ("DOCKER_HOST", second));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Test]
    public async Task EgressBlock_IsVouchedForOnlyWhileTheEngineIsMarked()
    {
        var check = await ShellAsync("bash", [Path.Combine(root, ".ci", "engine.sh"), "--check-egress"], TimeSpan.FromMinutes(2), ("DOCKER_HOST", second));
        Assert.That(check.Code, Is.Zero, $"a container on the second engine's bridge reaches outside, or the check could not run:\n{check.Output}");

        using var engine = await DockerEngine.ConnectAsync(EngineEndpoint.Parse(second), CancellationToken.None);
        Assert.That(await engine.EgressBlockedBridgeAsync(CancellationToken.None), Is.EqualTo("chbr1"));
        try
        {
            await ShellAsync("docker", ["volume", "rm", "-f", DockerEngine.EgressMarker], TimeSpan.FromMinutes(1), ("DOCKER_HOST", second));
            Assert.That(await engine.EgressBlockedBridgeAsync(CancellationToken.None), Is.Null, "an engine engine.sh did not set up is not vouched for");
        }
        finally
        {
            var again = await ShellAsync("bash", [Path.Combine(root, ".ci", "second-engine.sh"), "start"], TimeSpan.FromMinutes(2));
            Assert.That(again.Code, Is.Zero, again.Output);
        }

        Assert.That(await engine.EgressBlockedBridgeAsync(CancellationToken.None), Is.EqualTo("chbr1"), "set up again by engine.sh");
    }

    [Test]
    public async Task Bridge_KeepsItsMacAddress_WhenAPortWithALowerOneJoinsAndLeaves()
    {
        // A bridge whose address nobody set takes its lowest port's: a container starting (its veth joining) changed
        // the gateway's MAC under the running ones, and the sink relay's answers to the harness went to the old one
        // for up to a minute (issue 18). engine.sh fixes it; a veth with the lowest locally administered address stands
        // in for that container.
        const string Join = """
            set -e
            before="$(cat /sys/class/net/chbr1/address)"
            ip link add chjoin0 address 02:00:00:00:00:01 type veth peer name chjoin1
            ip link set chjoin0 master chbr1
            ip link set chjoin0 up
            joined="$(cat /sys/class/net/chbr1/address)"
            ip link del chjoin0
            echo "$(cat /sys/class/net/chbr1/addr_assign_type) $before $joined $(cat /sys/class/net/chbr1/address)"
            """;
        var run = await ShellAsync("bash", ["-c", Join], TimeSpan.FromMinutes(1));
        Assert.That(run.Code, Is.Zero, run.Output);
        var words = run.Output.Trim().Split(' ');
        Assert.That(words, Has.Length.EqualTo(4), run.Output);
        Assert.That(words[0], Is.EqualTo("3"), "the address is set (NET_ADDR_SET), not derived from the ports");
        Assert.That(words[2], Is.EqualTo(words[1]), "a port with a lower address joining does not change the bridge's");
        Assert.That(words[3], Is.EqualTo(words[1]), "nor does it leaving");
    }

    [Test]
    public async Task BundledShards_OnTwoEngines_MergeIntoTheOneEngineRun()
    {
        var folder = Directory.CreateTempSubdirectory("ch-second-shards-");
        try
        {
            string Output(string name) => Path.Combine(folder.FullName, name);
            string[] Compare(params string[] options) =>
                ["compare", "--target", "container:opensmtpd", "--target", "container:exim-openrelay", "--target", "container:exim", "--target", "container:exim-enforce", "--select", "smtp/relay/plain", "--scenarios", Path.Combine(root, "scenarios"), .. options];

            // The two shards at once, each on its engine; then the whole selection on the first engine alone.
            var first = EngineEndpoint.FromEnvironment().Endpoint.ToString();
            var shards = await Task.WhenAll(
                CliRun.InvokeAsync(Compare("--shard", "1/2", "--engine", second, "--json", Output("shard-1.json"))),
                CliRun.InvokeAsync(Compare("--shard", "2/2", "--engine", first, "--json", Output("shard-2.json"))));
            Assert.That(shards.Select(s => s.ExitCode), Is.All.EqualTo(ExitCodes.Success), string.Join("\n", shards.Select(s => s.ToString())));
            Assert.That(shards[0].Error, Does.Contain("capture sink: a relay container"), "shard 1 ran on the second engine");
            Assert.That(shards[1].Error, Does.Contain("capture sink listening on"), "shard 2 ran on the first engine");
            var whole = await CliRun.InvokeAsync(Compare("--json", Output("whole.json")));
            Assert.That(whole.ExitCode, Is.EqualTo(ExitCodes.Success), whole.ToString());

            var merge = await CliRun.InvokeAsync("merge", Output("shard-1.json"), Output("shard-2.json"), "--json", Output("merged.json"));
            Assert.That(merge.ExitCode, Is.EqualTo(ExitCodes.Success), merge.ToString());
            var merged = await ReportDocument.LoadAsync(Output("merged.json"), CancellationToken.None);
            var one = await ReportDocument.LoadAsync(Output("whole.json"), CancellationToken.None);
            Assert.That(one.Results, Has.Count.EqualTo(4), "one cell per target named");
            Assert.That(Cells(merged), Is.EqualTo(Cells(one)), "cell by cell: target, scenario, verdict, finding, expected failure");
            Assert.That(one.Results.Where(r => r.ExpectedFailure).Select(r => r.Summary), Has.All.StartWith("confirmed relay"), "the open-relay controls' relays reached a sink on either engine");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static List<(string Target, string Scenario, string Verdict, bool ExpectedFailure)> Cells(ReportDocument document) =>
        [.. document.Results.Select(r => (r.Target, r.Scenario, r.Verdict, r.ExpectedFailure))];

    private sealed record Shell(int Code, string Output, int Pid);

    /// <summary>Runs a program to its end (killed past <paramref name="within"/>); stdout and stderr together.</summary>
    private static async Task<Shell> ShellAsync(string program, string[] args, TimeSpan within, params (string Name, string? Value)[] environment)
    {
        var info = new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
        var output = new System.Text.StringBuilder();
        var lines = new Lock();
        process.OutputDataReceived += (_, e) => { lock (lines) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (lines) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var bound = new CancellationTokenSource(within);
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', args)} did not end within {within}:\n{output}");
        }

        process.WaitForExit();
        lock (lines)
        {
            return new Shell(process.ExitCode, output.ToString(), process.Id);
        }
    }
}
