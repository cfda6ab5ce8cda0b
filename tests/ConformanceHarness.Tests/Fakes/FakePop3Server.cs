namespace ConformanceHarness.Tests.Fakes;

/// <summary>
/// A minimal POP3 server on loopback serving <see cref="Maildrop"/>; it follows RFC 1939 unless told to break a
/// rule (<see cref="Pop3Fault"/>).
/// </summary>
public sealed class FakePop3Server : LoopbackServer
{
    public FakePop3Server(FakePop3Options? options = null, FakeMaildrop? maildrop = null)
    {
        Options = options ?? new FakePop3Options();
        Maildrop = maildrop ?? new FakeMaildrop();
        Start();
    }

    public FakePop3Server(Pop3Fault faults)
        : this(new FakePop3Options { Faults = faults })
    {
    }

    public FakePop3Options Options { get; }

    public FakeMaildrop Maildrop { get; }

    protected override int? SessionLimit => Options.SessionLimit;

    protected override async Task ServeAsync(FakeConnection connection, CancellationToken cancellationToken)
    {
        var session = new FakePop3Session(this, connection);
        try
        {
            await session.RunAsync(cancellationToken);
        }
        finally
        {
            session.Release();
        }
    }
}
