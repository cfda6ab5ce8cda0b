using ConformanceHarness.Targets;

namespace ConformanceHarness.Tests.Fakes;

/// <summary>
/// A fake SMTP server and a fake POP3 server sharing one maildrop, presented to the runner as a
/// <see cref="RunningTarget"/> with roles smtp and pop3 and a <c>mailbox</c> oracle.
/// </summary>
public sealed class FakeTarget : IAsyncDisposable
{
    private FakeTarget(FakeSmtpOptions smtp, FakePop3Options pop3, bool live)
    {
        Maildrop = new FakeMaildrop();
        Smtp = new FakeSmtpServer(smtp, Maildrop);
        Pop3 = new FakePop3Server(pop3, Maildrop);
        var profile = new TargetProfile { Name = "fake", Kind = live ? "live" : "process", Protocols = ["smtp", "pop3"], Identity = smtp.Identity, Features = smtp.Features };
        var roles = new Dictionary<string, RoleEndpoint>
        {
            ["smtp"] = new("127.0.0.1", Smtp.Port, false),
            ["pop3"] = new("127.0.0.1", Pop3.Port, false),
        };
        if (smtp.AuthPlain)
        {
            // The same server answers as the submission port (RFC 6409), where authenticated clients relay.
            roles["submission"] = new("127.0.0.1", Smtp.Port, false);
        }

        Target = new RunningTarget(profile, roles, live);
        Target.Oracles["mailbox"] = Maildrop;
        if (smtp.HasSink)
        {
            Target.Oracles["sink"] = Smtp.Sink;
        }
    }

    public FakeSmtpServer Smtp { get; }

    public FakePop3Server Pop3 { get; }

    public FakeMaildrop Maildrop { get; }

    public RunningTarget Target { get; }

    public static FakeTarget Start(FakeSmtpOptions? smtp = null, FakePop3Options? pop3 = null, bool live = false) =>
        new(smtp ?? new FakeSmtpOptions(), pop3 ?? new FakePop3Options(), live);

    public static FakeTarget Start(SmtpFault smtp) => Start(new FakeSmtpOptions { Faults = smtp });

    public static FakeTarget Start(Pop3Fault pop3) => Start(pop3: new FakePop3Options { Faults = pop3 });

    /// <summary>A target whose single role is served by <paramref name="server"/> (e.g. a <see cref="HostileServer"/>).</summary>
    public static RunningTarget OneRole(LoopbackServer server, string role, bool live = false) =>
        new(new TargetProfile { Name = $"fake-{role}", Kind = live ? "live" : "process" }, new Dictionary<string, RoleEndpoint> { [role] = new("127.0.0.1", server.Port, false) }, live);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Smtp.DisposeAsync();
        }
        finally
        {
            await Pop3.DisposeAsync();
            await Target.DisposeAsync();
        }
    }
}
