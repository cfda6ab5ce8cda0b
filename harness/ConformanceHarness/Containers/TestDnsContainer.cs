using System.Globalization;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;

namespace ConformanceHarness.Containers;

/// <summary>
/// The test DNS zone a target resolves (harness/targets/images/testdns: dnsmasq, authoritative for .test only, never
/// forwarding): started before its target on the same network, kept up for the run, removed after the target. No port
/// is published: only the target asks it, at its bridge address.
/// </summary>
public sealed class TestDnsContainer : IAsyncDisposable
{
    private readonly IContainer container;
    private readonly DockerEngine engine;

    private TestDnsContainer(IContainer container, DockerEngine engine, string address)
    {
        this.container = container;
        this.engine = engine;
        Address = address;
    }

    /// <summary>The zone server's address on the bridge: the target's DNS_SERVER.</summary>
    public string Address { get; }

    /// <param name="zone">The image's environment: DKIM_PUBKEY (the run's key for every test domain), ZONE_RECORDS (extra lines).</param>
    public static async Task<TestDnsContainer> StartAsync(DockerEngine engine, string image, string targetName, IReadOnlyDictionary<string, string> zone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(zone);
        var builder = OwnedContainers.Builder(image, engine)
            .WithLabel("conformance-harness.target", targetName + "/testdns")
            // Ready when dnsmasq says it serves (it logs "started, version …" once its zone is loaded).
            .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged("started, version"));
        foreach (var (key, value) in zone)
        {
            builder = builder.WithEnvironment(key, value);
        }

        var container = builder.Build();
        try
        {
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bound.CancelAfter(TimeSpan.FromSeconds(60));
            await container.StartAsync(bound.Token).ConfigureAwait(false);
            var address = container.IpAddress;
            if (string.IsNullOrEmpty(address) || !System.Net.IPAddress.TryParse(address, out _))
            {
                throw new InvalidOperationException($"the engine gave the test DNS container no bridge address ('{address}')");
            }

            return new TestDnsContainer(container, engine, address);
        }
        catch
        {
            await RemoveAsync(container, engine).ConfigureAwait(false);
            throw;
        }
    }

    // A failure is logged nowhere and left to the next run's leftover sweep (the container carries the owner label).
    private static Task RemoveAsync(IContainer container, DockerEngine engine) => OwnedContainers.RemoveAsync(container, engine, null, "the test DNS zone");

    public ValueTask DisposeAsync() => new(RemoveAsync(container, engine));
}
