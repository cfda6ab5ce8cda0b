using System.Text;
using ConformanceHarness.Delivery;

namespace ConformanceHarness.Tests.Delivery;

public sealed class MboxOracleTests
{
    // What OpenSMTPD, Exim and Sendmail write to /var/mail/alice: "From " separators, LF line ends, a blank line between.
    private const string Mbox =
        "From someone@client.example.test Sat Nov 28 07:58:51 2026\n"
        + "Received: from client.example.test by mx.example.test; Sat, 28 Nov 2026 07:58:51 +0000\n"
        + "Subject: first CH111\n"
        + "\n"
        + "..not unstuffed twice\n"
        + ">From the mbox escape\n"
        + "\n"
        + "From admin@example.test Sat Nov 28 07:58:52 2026\n"
        + "Subject: smuggled CH222\n"
        + "\n"
        + "second body\n";

    [Test]
    public void Split_GivesEachMessageWithCrlfAndItsEnvelopeSender()
    {
        var messages = MboxOracle.Split(Encoding.ASCII.GetBytes(Mbox));

        Assert.That(messages, Has.Count.EqualTo(2));
        Assert.Multiple(() =>
        {
            Assert.That(messages[0].MailFrom, Is.EqualTo("someone@client.example.test"));
            Assert.That(messages[0].Text, Does.StartWith("Received: from client.example.test by mx.example.test;"));
            Assert.That(messages[0].Text, Does.Contain("Subject: first CH111\r\n\r\n..not unstuffed twice\r\n"));
            Assert.That(messages[0].Text, Does.Not.Contain("CH222"));
            Assert.That(messages[1].MailFrom, Is.EqualTo("admin@example.test"));
            Assert.That(messages[1].Text, Does.StartWith("Subject: smuggled CH222\r\n"));
        });
    }

    [Test]
    public async Task WaitAsync_FindsTheTokenOnceTheFileHasIt_AndAnAbsentFileIsAnEmptyMailbox()
    {
        byte[]? file = null;
        var oracle = new MboxOracle(_ => Task.FromResult(file));

        var none = await oracle.WaitAsync("CH222", 1, TimeSpan.FromMilliseconds(400), CancellationToken.None);
        file = Encoding.ASCII.GetBytes(Mbox);
        var found = await oracle.WaitAsync("CH222", 1, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(none, Is.Empty);
            Assert.That(found, Has.Count.EqualTo(1));
            Assert.That(found[0].Text, Does.Contain("Subject: smuggled CH222"));
        });
    }

    /// <summary>Waits at the same time share the oracle's reads: five absences proven in one window cost one window of reads.</summary>
    [Test]
    public async Task WaitAsync_ConcurrentWaits_ShareTheReads()
    {
        var reads = 0;
        var oracle = new MboxOracle(_ =>
        {
            Interlocked.Increment(ref reads);
            return Task.FromResult<byte[]?>(Encoding.ASCII.GetBytes(Mbox));
        });

        var waits = Enumerable.Range(0, 5).Select(i => oracle.WaitAsync($"ABSENT{i}", 1, TimeSpan.FromSeconds(1.5), CancellationToken.None)).ToList();
        var results = await Task.WhenAll(waits);

        Assert.That(results, Is.All.Empty);
        // One waiter alone reads about every 300 ms (about 6 reads in 1.5 s); five that did not share read about 30 times.
        Assert.That(reads, Is.InRange(2, 12));
    }

    /// <summary>
    /// A message removed just before a wait (DELE then QUIT) must not be seen by it through a read that started earlier:
    /// sharing reads among waiters must not make a NOT-DELIVERED fail on a stale read.
    /// </summary>
    [Test]
    public async Task WaitAsync_RightAfterTheMessageWentAway_DoesNotUseAnOlderRead()
    {
        byte[]? file = Encoding.ASCII.GetBytes(Mbox);
        var oracle = new MboxOracle(_ => Task.FromResult<byte[]?>(file));

        var before = await oracle.WaitAsync("CH222", 1, TimeSpan.FromSeconds(5), CancellationToken.None);
        file = null;
        var after = await oracle.WaitAsync("CH222", 1, TimeSpan.Zero, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(before, Has.Count.EqualTo(1));
            Assert.That(after, Is.Empty);
        });
    }
}
