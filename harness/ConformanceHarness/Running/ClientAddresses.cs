using ConformanceHarness.Targets;

namespace ConformanceHarness.Running;

/// <summary>
/// The client addresses a target is reached from, each with its own <see cref="ConnectionBudget"/>. A server that limits
/// connections per client address (Courier's MAXPERIP and MAXPERC, popa3d's per-source limit) counts each address
/// apart, so spreading a target's scenarios over several addresses multiplies what it serves at once without meeting
/// its limit; a refusal on one address halves that address's budget only. A scenario keeps one address for all its
/// connections (its first, its CONNECTs, the capability probe's), so the server sees one client per scenario, as before.
/// </summary>
public sealed class ClientAddresses
{
    private readonly Lock gate = new();
    private readonly IReadOnlyList<Route> routes;
    private int next;

    /// <param name="target">Its <see cref="RunningTarget.Roles"/> are the first address; each of <see cref="RunningTarget.ClientRoutes"/> another.</param>
    /// <param name="perAddress">Connections at once from one address at most (the ceiling of each address's budget).</param>
    /// <param name="spread">False: the first address only, whatever routes the target has.</param>
    public ClientAddresses(RunningTarget target, int perAddress, bool spread = true)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentOutOfRangeException.ThrowIfLessThan(perAddress, 1);
        routes = [new Route(target, new ConnectionBudget(perAddress)), .. (spread ? target.ClientRoutes : []).Select(r => new Route(target.ReachedThrough(r), new ConnectionBudget(perAddress)))];
        Budgets = [.. routes.Select(r => r.Budget)];
    }

    /// <summary>How many addresses (1 when the target has no other route).</summary>
    public int Count => routes.Count;

    /// <summary>Each address's budget, the target's own <see cref="RunningTarget.Roles"/> first.</summary>
    public IReadOnlyList<ConnectionBudget> Budgets { get; }

    /// <summary>Limit signals on every address together.</summary>
    public int Refusals => routes.Sum(r => r.Budget.Refusals);

    /// <summary>
    /// Waits for <paramref name="connections"/> on the address with the most room (the first of equals after the last
    /// one chosen, so idle addresses take turns) and returns the target as reached from it, with its budget.
    /// </summary>
    public async Task<ClientAddressLease> AcquireAsync(int connections, CancellationToken cancellationToken)
    {
        Route chosen;
        lock (gate)
        {
            chosen = routes[0];
            var most = int.MinValue;
            for (var i = 0; i < routes.Count; i++)
            {
                var route = routes[(next + i) % routes.Count];
                var free = route.Budget.Free;
                if (free > most)
                {
                    (chosen, most) = (route, free);
                }
            }

            next = (next + 1) % routes.Count;
        }

        var held = await chosen.Budget.AcquireAsync(connections, cancellationToken).ConfigureAwait(false);
        return new ClientAddressLease(chosen.Target, chosen.Budget, held);
    }

    private sealed record Route(RunningTarget Target, ConnectionBudget Budget);
}
