using System.Net.Sockets;
using ConformanceHarness.Tests.Support;
using ConformanceHarness.Wire;

namespace ConformanceHarness.Tests.Fakes;

/// <summary>The fakes end every session at teardown, whatever the client or the fake was doing.</summary>
public sealed class LoopbackServerTests
{
    [Test]
    public async Task Dispose_ClientStillConnected_EndsTheSessionAndStopsListening()
    {
        var server = new FakeSmtpServer();
        await using var wire = await Wires.ConnectAsync(server);
        await wire.ReadLineAsync(Wires.Within());
        Assert.That(server.OpenConnections, Is.EqualTo(1));

        await server.DisposeAsync();

        Assert.That(server.OpenConnections, Is.Zero);
        Assert.That(server.Errors, Is.Empty);
        Assert.That(async () => await Wires.ConnectAsync(server), Throws.InstanceOf<SocketException>());
    }

    [TestCase(Hostility.EndlessLine)]
    [TestCase(Hostility.Drip)]
    [TestCase(Hostility.Silent)]
    public async Task Dispose_HostileSessionInProgress_EndsItPromptly(Hostility behaviour)
    {
        var server = new HostileServer(behaviour);
        await using var wire = await Wires.ConnectAsync(server);
        await Task.Delay(100);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await server.DisposeAsync();

        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
        Assert.That(server.OpenConnections, Is.Zero);
    }

    [Test]
    public async Task Dispose_ClientThatStoppedReading_DoesNotBlockTheEndlessWriter()
    {
        var server = new HostileServer(Hostility.EndlessMultiLine);
        await using var wire = await Wires.ConnectAsync(server);
        await wire.SendAsync("EHLO x\r\n"u8.ToArray(), Wires.Within());
        await Task.Delay(200);

        await server.DisposeAsync();

        Assert.That(server.OpenConnections, Is.Zero);
    }

    [Test]
    public async Task Dispose_Twice_IsHarmless()
    {
        var server = new FakePop3Server();
        await server.DisposeAsync();
        Assert.That(async () => await server.DisposeAsync(), Throws.Nothing);
    }

    [Test]
    public async Task Session_ClientLeaves_IsNoErrorAndClosesIt()
    {
        await using var server = new FakePop3Server();
        await using (var wire = await Wires.ConnectAsync(server))
        {
            await wire.ReadLineAsync(Wires.Within());
        }

        for (var i = 0; i < 100 && server.OpenConnections > 0; i++)
        {
            await Task.Delay(20);
        }

        Assert.That((server.OpenConnections, server.Errors.Count), Is.EqualTo((0, 0)));
    }

    [Test]
    public async Task Pop3Session_DroppedInTransaction_ReleasesTheMaildropLock()
    {
        await using var fake = FakeTarget.Start(pop3: FakePop3Options.Cleartext());
        await using (var wire = await Wires.ConnectAsync(fake.Pop3))
        {
            await wire.SendAsync("USER alice\r\nPASS wonderland\r\n"u8.ToArray(), Wires.Within());
            for (var i = 0; i < 3; i++)
            {
                await wire.ReadLineAsync(Wires.Within());
            }

            Assert.That(fake.Maildrop.TryLock(), Is.False, "the session holds the lock");
            wire.Abort();
        }

        for (var i = 0; i < 100 && fake.Pop3.OpenConnections > 0; i++)
        {
            await Task.Delay(20);
        }

        Assert.That(fake.Maildrop.TryLock(), Is.True);
    }

    [Test]
    public async Task Pop3Session_QuitAfterDele_RemovesTheMessage()
    {
        await using var fake = FakeTarget.Start(pop3: FakePop3Options.Cleartext());
        fake.Maildrop.Deliver("Subject: a\r\n\r\na\r\n");
        fake.Maildrop.Deliver("Subject: b\r\n\r\nb\r\n");
        await using (var wire = await Wires.ConnectAsync(fake.Pop3))
        {
            await wire.SendAsync("USER alice\r\nPASS wonderland\r\nDELE 1\r\nQUIT\r\n"u8.ToArray(), Wires.Within());
            var (closed, _) = await wire.WaitForCloseAsync(Wires.Within());
            Assert.That(closed, Is.True);
        }

        Assert.That(fake.Maildrop.Messages.Select(m => m.Text), Is.EqualTo(new[] { "Subject: b\r\n\r\nb\r\n" }));
    }

    [Test]
    public async Task SmtpSession_PipelinedCommands_AreAnsweredInOrder()
    {
        await using var server = new FakeSmtpServer();
        var transcript = new Transcript();
        await using var wire = await Wires.ConnectAsync(server, transcript: transcript);
        await wire.SendAsync("EHLO x\r\nMAIL FROM:<a@example.test>\r\nRCPT TO:<nobody@example.test>\r\nRCPT TO:<postmaster@example.test>\r\nRCPT TO:<x@elsewhere.invalid>\r\nQUIT\r\n"u8.ToArray(), Wires.Within());
        await wire.WaitForCloseAsync(Wires.Within());
        var codes = Transcript.SplitLines([.. transcript.Entries.Where(e => e.Direction == TranscriptDirection.Server).SelectMany(e => e.Bytes)])
            .Select(l => System.Text.Encoding.ASCII.GetString(l)[..4]);
        Assert.That(codes, Is.EqualTo(new[] { "220 ", "250-", "250-", "250-", "250-", "250 ", "250 ", "550 ", "250 ", "554 ", "221 " }));
    }
}
