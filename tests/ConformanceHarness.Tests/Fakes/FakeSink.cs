using System.Collections.Concurrent;
using ConformanceHarness.Delivery;

namespace ConformanceHarness.Tests.Fakes;

/// <summary>What a <see cref="FakeSmtpServer"/> relays (to recipients it is not the destination for): the fake target's <c>sink</c> oracle.</summary>
public sealed class FakeSink : IDeliveryOracle
{
    private readonly ConcurrentQueue<DeliveredMessage> messages = new();

    public IReadOnlyList<DeliveredMessage> Messages => [.. messages];

    public void Deliver(string? mailFrom, IReadOnlyList<string> recipients, byte[] content) =>
        messages.Enqueue(new DeliveredMessage(mailFrom, recipients, content, DateTimeOffset.UtcNow));

    public async Task<IReadOnlyList<DeliveredMessage>> WaitAsync(string token, int atLeast, TimeSpan within, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + within;
        while (true)
        {
            var found = messages.Where(m => m.Text.Contains(token, StringComparison.Ordinal)).ToList();
            if (found.Count >= atLeast || DateTimeOffset.UtcNow >= deadline)
            {
                return found;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25), cancellationToken).ConfigureAwait(false);
        }
    }
}
