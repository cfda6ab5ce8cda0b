namespace ConformanceHarness.Running;

/// <summary>
/// How many connections the harness may hold open to one target at once, adapted to what the server tolerates
/// (additive increase, multiplicative decrease, as TCP adapts its window). Servers cap the connections one client
/// address may hold (Courier's MAXPERIP, popa3d's per-source limit) and close the surplus before greeting; that is a
/// limit, not a finding, so on each such signal (<see cref="Refused"/>) the permitted number halves, and every served
/// greeting (<see cref="Served"/>) lets it grow back slowly towards <see cref="Ceiling"/>. A scenario asks for as many
/// connections as it may hold at once (its first, its CONNECTs, the mailbox oracle's); one that needs more than is
/// permitted runs alone. Requests are granted in arrival order, so a large one is never starved by small ones.
/// </summary>
public sealed class ConnectionBudget
{
    /// <summary>At most one halving per this interval: refusals of connections opened together are one signal, not several.</summary>
    private static readonly TimeSpan DecreaseInterval = TimeSpan.FromSeconds(1);

    private readonly Lock gate = new();
    private readonly LinkedList<Request> waiting = new();
    private readonly TimeProvider time;
    private double limit;
    private int inUse;
    private long lastDecrease = long.MinValue;

    public ConnectionBudget(int ceiling, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ceiling, 1);
        Ceiling = ceiling;
        limit = ceiling;
        Lowest = ceiling;
        time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The most connections ever permitted at once (the user's concurrency).</summary>
    public int Ceiling { get; }

    /// <summary>Connections permitted at once now (at least one).</summary>
    public int Permitted
    {
        get
        {
            lock (gate)
            {
                return (int)limit;
            }
        }
    }

    /// <summary>Connections a new request could have without waiting: permitted, less those held and those asked for by waiting requests.</summary>
    public int Free
    {
        get
        {
            lock (gate)
            {
                return (int)limit - inUse - waiting.Sum(r => r.Connections);
            }
        }
    }

    /// <summary>The fewest connections ever permitted during the run (the level the target's limits pushed it to).</summary>
    public int Lowest { get; private set; }

    /// <summary>Limit signals seen (connections closed or answered 421 before or at the greeting).</summary>
    public int Refusals { get; private set; }

    /// <summary>Waits until <paramref name="connections"/> more connections are permitted; disposing the lease gives them back.</summary>
    public async Task<IDisposable> AcquireAsync(int connections, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(connections, 1);
        Request request;
        lock (gate)
        {
            request = new Request(connections);
            waiting.AddLast(request);
            GrantLocked();
        }

        try
        {
            await request.Granted.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            lock (gate)
            {
                if (!request.Granted.Task.IsCompleted)
                {
                    waiting.Remove(request);
                    GrantLocked();
                    throw;
                }
            }

            // Granted while being cancelled: give it back.
            Release(request.Connections);
            throw;
        }

        return new Lease(this, request.Connections);
    }

    /// <summary>A limit signal: the server turned a connection away before or at its greeting. Halves the permitted number.</summary>
    public void Refused()
    {
        lock (gate)
        {
            Refusals++;
            var now = time.GetTimestamp();
            if (lastDecrease != long.MinValue && time.GetElapsedTime(lastDecrease, now) < DecreaseInterval)
            {
                return;
            }

            lastDecrease = now;
            limit = Math.Max(1, Math.Floor(limit / 2));
            Lowest = Math.Min(Lowest, (int)limit);
        }
    }

    /// <summary>A greeting was served: the permitted number grows by a quarter connection per permitted connection (slowly).</summary>
    public void Served()
    {
        lock (gate)
        {
            limit = Math.Min(Ceiling, limit + (1 / (4 * limit)));
            GrantLocked();
        }
    }

    private void Release(int connections)
    {
        lock (gate)
        {
            inUse -= connections;
            GrantLocked();
        }
    }

    /// <summary>Grants waiting requests in order while they fit; a request larger than the permitted number fits an idle target.</summary>
    private void GrantLocked()
    {
        while (waiting.First is { } first && (inUse == 0 || inUse + first.Value.Connections <= (int)limit))
        {
            waiting.RemoveFirst();
            inUse += first.Value.Connections;
            first.Value.Granted.TrySetResult();
        }
    }

    private sealed class Request(int connections)
    {
        public int Connections { get; } = connections;

        public TaskCompletionSource Granted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Lease(ConnectionBudget budget, int connections) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                budget.Release(connections);
            }
        }
    }
}
