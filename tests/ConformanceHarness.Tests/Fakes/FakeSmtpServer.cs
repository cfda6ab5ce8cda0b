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
