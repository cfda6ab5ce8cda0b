namespace ConformanceHarness.Tests.Reliability;

/// <summary>
/// After a run stopped with Ctrl+C, or killed outright, nothing of the harness stays behind: the CLI stops its
/// targets on cancel, and the next start sweeps what a killed run could not stop. Real CLI processes, real signals.
/// </summary>
public sealed class CleanupTests
{
    private static readonly TimeSpan StartBound = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(90);

    [Test]
    [Category("Container")]
    public async Task CliOnContainerTarget_CtrlCMidRun_LeavesNoContainer_Exit130()
    {
        using var cli = CliProcess.Start("run", "--target", "container:postfix");
        await cli.WaitForLineAsync(" 1/", StartBound);
        Assert.That(await HarnessContainers.OwnedByAsync(cli.Pid), Is.Not.Empty, "the run's container should be up while it runs");

        cli.Signal("INT");
        var exit = await cli.WaitForExitAsync(StopBound);

        Assert.That(exit, Is.EqualTo(130), cli.Output);
        Assert.That(await HarnessContainers.OwnedByAsync(cli.Pid), Is.Empty, $"left behind by pid {cli.Pid} after Ctrl+C. Output:\n{cli.Output}");
    }

    [Test]
    [Category("Container")]
    public async Task CliOnContainerTarget_KilledMidRun_NextStartSweepsItsContainers()
    {
        int killed;
        using (var cli = CliProcess.Start("run", "--target", "container:postfix"))
        {
            await cli.WaitForLineAsync(" 1/", StartBound);
            cli.Signal("KILL");
            await cli.WaitForExitAsync(StopBound);
            killed = cli.Pid;
        }

        Assert.That(await HarnessContainers.OwnedByAsync(killed), Is.Not.Empty, "a killed run cannot stop its own container (else this test proves nothing)");

        using var next = CliProcess.Start("run", "--target", "container:postfix", "--select", "smtp/rfc5321/4.3.1/greeting");
        await next.WaitForExitAsync(StartBound);

        Assert.That(await HarnessContainers.OwnedByAsync(killed), Is.Empty, $"the next start did not sweep what pid {killed} left. Its output:\n{next.Output}");
        Assert.That(await HarnessContainers.OwnedByAsync(next.Pid), Is.Empty, "the next run stops its own container too");
    }

    [Test]
    public async Task CliOnProcessTarget_CtrlCMidRun_ServerAndItsChildrenAreGone()
    {
        var folder = Directory.CreateTempSubdirectory("ch-cleanup-");
        try
        {
            var script = Path.Combine(folder.FullName, "slow_smtp.py");
            var pids = Path.Combine(folder.FullName, "pids");
            await File.WriteAllTextAsync(script, SlowSmtpServer);
            using var cli = CliProcess.Start("run", "--target", $"process:python3 {script} {{port}} {pids}");
            await cli.WaitForLineAsync(" 1/", StartBound);
            var started = (await File.ReadAllTextAsync(pids)).Split(' ').Select(int.Parse).ToList();
            Assert.That(started.All(Alive), Is.True, "server and its child run while the CLI runs");

            cli.Signal("INT");
            var exit = await cli.WaitForExitAsync(StopBound);

            Assert.That(exit, Is.EqualTo(130), cli.Output);
            Assert.That(started.Where(Alive), Is.Empty, $"still running after Ctrl+C (server, child). Output:\n{cli.Output}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Running (a zombie waiting for init to reap it is gone for this purpose).</summary>
    private static bool Alive(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        try
        {
            return File.Exists(stat) && File.ReadAllText(stat).Split(") ")[^1][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>An SMTP server that answers every command after 300 ms (so a run lasts) and has a child of its own.</summary>
    private const string SlowSmtpServer = """
        import os, socket, subprocess, sys, threading, time
        port, pidfile = int(sys.argv[1]), sys.argv[2]
        child = subprocess.Popen(["sleep", "600"])
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", port))
        listener.listen(64)
        with open(pidfile, "w") as f:
            f.write(f"{os.getpid()} {child.pid}")
        def serve(c):
            with c:
                try:
                    c.sendall(b"220 slow.example.test ESMTP\r\n")
                    for line in c.makefile("rb"):
                        time.sleep(0.3)
                        if line.upper().startswith(b"QUIT"):
                            c.sendall(b"221 bye\r\n")
                            return
                        c.sendall(b"250 ok\r\n")
                except OSError:
                    pass
        while True:
            conn, _ = listener.accept()
            threading.Thread(target=serve, args=(conn,), daemon=True).start()
        """;
}
