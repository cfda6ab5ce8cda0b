namespace ConformanceHarness.Tests.Processes;

/// <summary>
/// A tiny SMTP server (python3) that serves a fixed number of sessions, then prints a last line on stderr and exits with
/// code 3: a <c>process:</c> target that crashes in the middle of a run. The readiness check counts as one session.
/// </summary>
public sealed class DyingServer : IDisposable
{
    private const string Script = """
        import socket, sys
        port, sessions = int(sys.argv[1]), int(sys.argv[2])
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", port))
        listener.listen(8)
        for n in range(sessions):
            conn, _ = listener.accept()
            conn.sendall(b"220 dying.test ESMTP\r\n")
            for line in conn.makefile("rb"):
                verb = line.strip().upper()
                if verb.startswith(b"QUIT"):
                    conn.sendall(b"221 bye\r\n")
                    break
                conn.sendall(b"250 dying.test\r\n")
            conn.close()
        print("starting shutdown", file=sys.stderr, flush=True)
        print("fatal: out of sessions after %d" % sessions, file=sys.stderr, flush=True)
        sys.exit(3)
        """;

    public DyingServer()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"ch-dying-{Guid.NewGuid():N}.py");
        File.WriteAllText(Path, Script);
    }

    public string Path { get; }

    /// <summary>The target spec: the server on a free port, exiting after <paramref name="sessions"/> sessions.</summary>
    public string Spec(int sessions) => $"process:python3 {Path} {{port}} {sessions}";

    public void Dispose() => File.Delete(Path);
}
