using System.Collections.Concurrent;

namespace ConformanceHarness.Tests.Fakes;

/// <summary>
/// A minimal SMTP server on loopback that follows RFC 5321 unless told to break a rule (<see cref="SmtpFault"/>).
/// Messages for the test user go into <see cref="Maildrop"/>; every accepted message is kept in <see cref="Accepted"/>.
/// </summary>
public sealed class FakeSmtpServer : LoopbackServer
{
    private readonly ConcurrentQueue<FakeMessage> accepted = new();

    public FakeSmtpServer(FakeSmtpOptions? options = null, FakeMaildrop? maildrop = null)
    {
        Options = options ?? new FakeSmtpOptions();
        Maildrop = maildrop ?? new FakeMaildrop();
        if (Options.SignsRelayed)
        {
            // The run's RSA key is made on first use (2048 bits): made here, not inside the reply to the end of DATA,
            // where on a busy machine it outlasted a 2 s step timeout (CI: "no complete reply within 2s" after DATA).
            _ = ConformanceHarness.SenderAuth.RunDkimKey.Current;
        }

        Start();
    }

    public FakeSmtpServer(SmtpFault faults)
        : this(new FakeSmtpOptions { Faults = faults })
    {
    }

    public FakeSmtpOptions Options { get; }

    public FakeMaildrop Maildrop { get; }

    protected override int? SessionLimit => Options.SessionLimit;

    protected override bool LimitPerAddress => Options.LimitPerAddress;

    /// <summary>Where the fake "relays" mail for recipients it is not the destination for: the target's <c>sink</c> oracle.</summary>
    public FakeSink Sink { get; } = new();

    /// <summary>Every message the fake answered 250 after DATA, dot-stuffing undone.</summary>
    public IReadOnlyList<FakeMessage> Accepted => [.. accepted];

    internal void Accept(FakeMessage message) => accepted.Enqueue(message);

    protected override Task ServeAsync(FakeConnection connection, CancellationToken cancellationToken) =>
        new FakeSmtpSession(this, connection).RunAsync(cancellationToken);
}
