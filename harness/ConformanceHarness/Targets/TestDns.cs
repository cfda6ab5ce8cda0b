using ConformanceHarness.Containers;
using ConformanceHarness.SenderAuth;

namespace ConformanceHarness.Targets;

/// <summary>
/// What the launcher does for a profile with <c>container: { dns: testdns }</c>: builds and starts the zone server with
/// this run's DKIM key, and tells the target where it is (DNS_SERVER) and which key to sign with (DKIM_SIGN_KEY).
/// </summary>
internal static class TestDns
{
    public static async Task<TestDnsContainer> StartAsync(DockerEngine docker, TargetProfile profile, string? repositoryRoot, Action<string>? log, CancellationToken cancellationToken)
    {
        var name = profile.Container!.Dns!;
        var folder = Path.Combine(RepositoryLayout.TargetsDirectory(repositoryRoot), "images", name);
        var image = await ContainerImages.EnsureBuiltAsync(docker, name, folder, log, cancellationToken).ConfigureAwait(false);
        var key = RunDkimKey.Current;
        var zone = new Dictionary<string, string>
        {
            // Every test domain publishes the run's key (RFC 6376 §3.6.2.2: at sel._domainkey.DOMAIN)…
            ["DKIM_PUBKEY"] = key.PublicKeyBase64,
            ["DKIM_SELECTOR"] = RunDkimKey.Selector,

            // …and so does the target's own domain, which a signing target signs its outbound mail for.
            ["ZONE_RECORDS"] = $"{RunDkimKey.Selector}._domainkey.{profile.Identity.Domain} TXT {key.DnsRecord}",
        };
        var dns = await TestDnsContainer.StartAsync(docker, image, profile.Name, zone, cancellationToken).ConfigureAwait(false);
        log?.Invoke($"target {profile.Name}: test DNS zone ({name}) at {dns.Address}");
        return dns;
    }

    public static IReadOnlyDictionary<string, string> TargetEnv(TestDnsContainer dns) => new Dictionary<string, string>
    {
        ["DNS_SERVER"] = dns.Address,
        ["DKIM_SIGN_KEY"] = RunDkimKey.Current.PrivateKeyPem,
    };
}
