using System.Net;
using ConformanceHarness.Running;

namespace ConformanceHarness.Dns;

/// <summary>
/// <c>probe --domain</c>: starts from a domain, not a host. Resolves its exchangers (RFC 5321 §5.1), grades its MX,
/// SPF, DMARC and MTA-STS records, and hands every exchanger address, lowest preference first, to the caller's per-host
/// probe — the only place any host is contacted. DNS failures become results, never exceptions.
/// </summary>
public static class DomainProbe
{
    /// <param name="domain">The mail domain, e.g. <c>example.net</c>.</param>
    /// <param name="settings">The resolver to ask (<see cref="DnsSettings.System"/>, or a test server).</param>
    /// <param name="probeHost">
    /// Probes one address of one exchanger and returns its results. Called once per distinct address, sequentially,
    /// in preference order (equal preferences in the order the resolver returned them; IPv4 before IPv6 of a host).
    /// An exception it throws becomes an Error result (<see cref="DnsChecks.HostProbe"/>) for that address; the
    /// caller's cancellation ends the probe.
    /// </param>
    /// <param name="cancellationToken">Cancels the lookups and is the caller's to pass on to <paramref name="probeHost"/>.</param>
    public static async Task<DomainProbeResult> ProbeAsync(string domain, DnsSettings settings, Func<Exchanger, IPAddress, Task<IReadOnlyList<ScenarioResult>>> probeHost, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(probeHost);
        var resolution = await new MailDomainResolver(settings).ResolveExchangersAsync(domain, cancellationToken).ConfigureAwait(false);
        var exchangerChecks = ExchangerChecks.Grade(resolution);

        // A domain that does not exist has no records to grade either; a resolver that did not answer is one cause, said once.
        IReadOnlyList<ScenarioResult> policyChecks = resolution.Kind is ExchangerResolutionKind.NonExistentDomain or ExchangerResolutionKind.InvalidDomain or ExchangerResolutionKind.Timeout
            ? []
            : await new DomainPolicyChecks(settings).CheckAsync(resolution.Domain, cancellationToken).ConfigureAwait(false);

        var hosts = new List<HostProbeResult>();
        var contacted = new List<string>();
        var notes = new List<string>();
        var probed = new Dictionary<IPAddress, Exchanger>();
        foreach (var exchanger in resolution.Exchangers)
        {
            foreach (var address in exchanger.Addresses)
            {
                if (probed.TryGetValue(address, out var first))
                {
                    notes.Add($"{address} is also an address of {exchanger.Host}; probed once, as {first.Host}");
                    continue;
                }

                probed[address] = exchanger;
                contacted.Add($"{address} ({exchanger.Host}, {(exchanger.IsImplicit ? "implicit MX" : $"preference {exchanger.Preference}")})");
                var results = await ProbeOneAsync(resolution.Domain, exchanger, address, probeHost, cancellationToken).ConfigureAwait(false);
                hosts.Add(new HostProbeResult(exchanger, address, results));
            }
        }

        var note = contacted.Count == 0
            ? $"contacted no host: {resolution.Summary}"
            : $"contacted only {string.Join(", ", contacted)}, in preference order; no other host";
        notes.Insert(0, note);

        // The note goes into the exchangers result too, so every report says whom the probe talked to.
        var graded = exchangerChecks.Select(r => r.ScenarioId == DnsChecks.Exchangers ? r with { Notes = [.. r.Notes, .. notes] } : r);
        return new DomainProbeResult
        {
            Domain = resolution.Domain,
            Exchangers = resolution,
            Hosts = hosts,
            DomainChecks = [.. graded, .. policyChecks],
            Contacted = contacted,
            Note = note,
        };
    }

    private static async Task<IReadOnlyList<ScenarioResult>> ProbeOneAsync(string domain, Exchanger exchanger, IPAddress address, Func<Exchanger, IPAddress, Task<IReadOnlyList<ScenarioResult>>> probeHost, CancellationToken cancellationToken)
    {
        try
        {
            return await probeHost(exchanger, address).ConfigureAwait(false);
        }
        catch (Exception error) when (!(error is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // The harness could not run the probe of this host; the other hosts are still probed.
            return
            [
                new ScenarioResult
                {
                    ScenarioId = DnsChecks.HostProbe,
                    Target = $"{exchanger.Host} [{address}]",
                    Verdict = Verdict.Error,
                    Summary = $"the probe of {address} ({exchanger}) for {domain} could not run: {error.GetType().Name}: {error.Message}",
                },
            ];
        }
    }
}
