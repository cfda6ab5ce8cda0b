using ConformanceHarness.Delivery;
using ConformanceHarness.Pop3;
using ConformanceHarness.Targets;
using ConformanceHarness.Tests.Fakes;
using ConformanceHarness.Tests.Support;
using ConformanceHarness.Wire;

namespace ConformanceHarness.Tests.Pop3;

/// <summary>The one POP3 client of the harness (capability probe, mailbox oracle, LOCATE), against the fake server.</summary>
[Parallelizable(ParallelScope.Children)]
public sealed class Pop3SessionTests
{
    [Test]
    public async Task Capa_ThenStls_ListsStlsOnlyBeforeTls()
    {
        await using var server = new FakePop3Server();
        await using var connection = await Wires.ConnectAsync(server);
        var session = new Pop3Session(connection, WireOptions.Default);
        var (greeting, _) = await session.ReadAsync(multiLine: false, Wires.Within());
        var before = await session.CapaAsync(Wires.Within());
        var refused = await session.StlsAsync(new TestIdentity().Hostname, Wires.Within());
        var after = await session.CapaAsync(Wires.Within());
        Assert.That((greeting!.Ok, before.Contains("STLS"), refused, connection.IsTls, after.Contains("STLS")), Is.EqualTo((true, true, (string?)null, true, false)));
    }

    [Test]
    public async Task Stls_Refused_SaysSoAndStaysPlain()
    {
        await using var server = new FakePop3Server(Pop3Fault.StlsRefused);
        await using var connection = await Wires.ConnectAsync(server);
        var session = new Pop3Session(connection, WireOptions.Default);
        await session.ReadAsync(multiLine: false, Wires.Within());
        var refused = await session.StlsAsync(new TestIdentity().Hostname, Wires.Within());
        Assert.That(refused, Does.StartWith("STLS refused: -ERR"));
        Assert.That(connection.IsTls, Is.False);
    }

    [Test]
    public async Task Login_WrongPassword_NamesPassButNeverThePassword()
    {
        var identity = new TestIdentity();
        await using var server = new FakePop3Server(FakePop3Options.Cleartext(Pop3Fault.RejectsPassword));
        await using var connection = await Wires.ConnectAsync(server);
        var session = new Pop3Session(connection, WireOptions.Default);
        await session.ReadAsync(multiLine: false, Wires.Within());
        var refused = await session.LoginAsync(identity.User, identity.Password, Wires.Within());
        Assert.That(refused, Does.StartWith("PASS refused: -ERR").And.Not.Contains(identity.Password));
    }

    [Test]
    public async Task MailboxOracle_ReadsTheMaildropAfterStlsAndLogin()
    {
        var identity = new TestIdentity();
        await using var server = new FakePop3Server();
        server.Maildrop.Deliver("Subject: one\r\n\r\nTOKEN-1\r\n");
        var oracle = new MailboxOracle(new RoleEndpoint("127.0.0.1", server.Port, false), identity);
        var messages = await oracle.ReadAllAsync(Wires.Within());
        Assert.That(messages.Select(m => m.Text.Contains("TOKEN-1", StringComparison.Ordinal)), Is.EqualTo(new[] { true }));
    }

    [Test]
    public async Task MailboxOracle_WaitsForQuitsResponse_SoTheNextLoginFindsTheMaildropFree()
    {
        // A server that keeps its lock while the UPDATE state rewrites the maildrop (Mailutils): an oracle that left
        // before QUIT's +OK made the next login meet "-ERR [IN-USE]".
        var identity = new TestIdentity();
        await using var server = new FakePop3Server(new FakePop3Options { UpdateDuration = TimeSpan.FromMilliseconds(400) });
        server.Maildrop.Deliver("Subject: one\r\n\r\nTOKEN-1\r\n");
        var oracle = new MailboxOracle(new RoleEndpoint("127.0.0.1", server.Port, false), identity);
        await oracle.ReadAllAsync(Wires.Within());
        await using var connection = await Wires.ConnectAsync(server);
        var session = new Pop3Session(connection, WireOptions.Default);
        await session.ReadAsync(multiLine: false, Wires.Within());
        await session.StlsAsync(identity.Hostname, Wires.Within());
        var refused = await session.LoginAsync(identity.User, identity.Password, Wires.Within());
        Assert.That(refused, Is.Null);
    }
}
