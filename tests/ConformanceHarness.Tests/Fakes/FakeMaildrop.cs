using System.Text;
using ConformanceHarness.Delivery;

namespace ConformanceHarness.Tests.Fakes;

/// <summary>
/// The test user's maildrop, shared by <see cref="FakeSmtpServer"/> (delivers into it) and
/// <see cref="FakePop3Server"/> (serves it). It is also the target's <c>mailbox</c> delivery oracle.
/// </summary>
public sealed class FakeMaildrop : IDeliveryOracle
{
    private readonly Lock gate = new();
    private readonly List<FakeMessage> messages = [];
    private int nextUid;
    private bool locked;

    /// <summary>Adds a message; its lines are normalised to CRLF.</summary>
    public void Deliver(string text) =>
        Deliver(Encoding.UTF8.GetBytes(text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal)));

    public void Deliver(byte[] content)
    {
        lock (gate)
        {
            messages.Add(new FakeMessage($"uid{++nextUid}", content));
        }
    }

    /// <summary>The messages now in the maildrop, in delivery order.</summary>
    public IReadOnlyList<FakeMessage> Messages
    {
        get
        {
            lock (gate)
            {
                return [.. messages];
            }
        }
    }

    /// <summary>RFC 1939 §4: the server acquires an exclusive-access lock on the maildrop at login.</summary>
    public bool TryLock()
    {
        lock (gate)
        {
            if (locked)
            {
                return false;
            }

            locked = true;
            return true;
        }
    }

    public void Unlock()
    {
        lock (gate)
        {
            locked = false;
        }
    }

    /// <summary>RFC 1939 §6: messages marked as deleted are removed in the UPDATE state.</summary>
    public void Remove(IEnumerable<string> uids)
    {
        var gone = uids.ToHashSet(StringComparer.Ordinal);
        lock (gate)
        {
            messages.RemoveAll(m => gone.Contains(m.Uid));
        }
    }

    public async Task<IReadOnlyList<DeliveredMessage>> WaitAsync(string token, int atLeast, TimeSpan within, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + within;
        while (true)
        {
            var found = Messages
                .Where(m => m.Text.Contains(token, StringComparison.Ordinal))
                .Select(m => new DeliveredMessage(null, ["alice"], m.Content, DateTimeOffset.UtcNow))
                .ToList();
            if (found.Count >= atLeast || DateTimeOffset.UtcNow >= deadline)
            {
                return found;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25), cancellationToken).ConfigureAwait(false);
        }
    }
}
