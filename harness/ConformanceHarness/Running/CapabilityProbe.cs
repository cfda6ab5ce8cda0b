using System.Collections.Concurrent;
using System.Text;
using ConformanceHarness.Protocols;
using ConformanceHarness.Targets;
using ConformanceHarness.Wire;

namespace ConformanceHarness.Running;

/// <summary>
/// Asks each target role once what it advertises (EHLO / CAPA, again after STARTTLS / STLS) so that
/// <c>requires:</c> can skip scenarios for extensions the server does not offer. Results are cached per endpoint.
/// </summary>
public sealed class CapabilityProbe
{
    private readonly ConcurrentDictionary<string, Lazy<Task<Capabilities>>> cache = new();

    public Task<Capabilities> GetAsync(RunningTarget target, string role, RoleEndpoint endpoint, WireOptions options, CancellationToken cancellationToken) =>
        GetAsync(target, role, endpoint, options, null, cancellationToken);

    /// <summary>
    /// The role's capabilities. The probe's connection counts against <paramref name="budget"/> like a scenario's: a
    /// server at its connection limit that turns it away is retried with backoff (<see cref="ServiceRefusal"/>), and
    /// an answer still refused is not cached (<see cref="Capabilities.Refused"/>: the next scenario asks again).
    /// </summary>
    public async Task<Capabilities> GetAsync(RunningTarget target, string role, RoleEndpoint endpoint, WireOptions options, ConnectionBudget? budget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(role);
        var key = $"{target.Name}|{role}|{endpoint}";
        var entry = cache.GetOrAdd(key, _ => new Lazy<Task<Capabilities>>(() => ProbeAsync(target, Role.Parse(role), endpoint, options, budget, cancellationToken)));
        var capabilities = await entry.Value.ConfigureAwait(false);
        if (capabilities.Refused)
        {
            cache.TryRemove(new KeyValuePair<string, Lazy<Task<Capabilities>>>(key, entry));
        }

        return capabilities;
    }

    private static Task<Capabilities> ProbeAsync(RunningTarget target, Role role, RoleEndpoint endpoint, WireOptions options, ConnectionBudget? budget, CancellationToken cancellationToken) =>
        ServiceRefusal.Pipeline<Capabilities>(options, TimeSpan.MaxValue, c => c.Refused, (_, _, _) => { })
            .ExecuteAsync(token => new ValueTask<Capabilities>(AttemptAsync(target, role, endpoint, options, budget, token)), cancellationToken)
            .AsTask();

    private static async Task<Capabilities> AttemptAsync(RunningTarget target, Role role, RoleEndpoint endpoint, WireOptions options, ConnectionBudget? budget, CancellationToken cancellationToken)
    {
        var transcript = new Transcript();
        try
        {
            await using var connection = await WireConnection.ConnectAsync(endpoint.Host, endpoint.Port, endpoint.ImplicitTls, endpoint.LocalAddress, options, transcript, "probe", cancellationToken).ConfigureAwait(false);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.StepTimeout * 4);
            var dialect = Dialects.For(role);
            var (greeting, failure) = await dialect.ReadAsync(connection, options, multiLine: false, timeout.Token).ConfigureAwait(false);
            if (ServiceRefusal.IsRefusal(greeting, failure, connection))
            {
                budget?.Refused();
                return Capabilities.Failed(ServiceRefusal.Describe(greeting, failure)) with { Refused = true };
            }

            budget?.Served();
            return await ProbeAsync(connection, dialect, greeting, failure, target.Profile.Identity, options, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or System.Net.Sockets.SocketException or System.Security.Authentication.AuthenticationException)
        {
            return Capabilities.Failed($"capability probe failed: {e.Message}");
        }
    }

    /// <summary>The capability list after the greeting, and once more inside TLS when the server offers its TLS verb (RFC 3207 / RFC 2595).</summary>
    private static async Task<Capabilities> ProbeAsync(WireConnection connection, IProtocolDialect dialect, ProtocolReply? greeting, ReadFailure? failure, TestIdentity identity, WireOptions options, CancellationToken token)
    {
        if (greeting is null || !dialect.IsGoodGreeting(greeting))
        {
            return Capabilities.Failed($"no {dialect.GreetingName} greeting ({(object?)failure ?? greeting})");
        }

        var plain = await dialect.ListCapabilitiesAsync(connection, identity, options, token).ConfigureAwait(false);
        var afterTls = new HashSet<string>();
        if (plain.Contains(dialect.TlsVerb) && !connection.IsTls)
        {
            await connection.SendAsync(Encoding.ASCII.GetBytes(dialect.TlsVerb + "\r\n"), token).ConfigureAwait(false);
            var (go, _) = await dialect.ReadAsync(connection, options, multiLine: false, token).ConfigureAwait(false);
            if (go is not null && dialect.IsTlsGoAhead(go))
            {
                await connection.UpgradeToTlsAsync(identity.Hostname, token).ConfigureAwait(false);
                afterTls = await dialect.ListCapabilitiesAsync(connection, identity, options, token).ConfigureAwait(false);
            }
        }

        await connection.SendAsync(Encoding.ASCII.GetBytes("QUIT\r\n"), token).ConfigureAwait(false);
        return new Capabilities(plain, afterTls, greeting.Text, null);
    }
}
