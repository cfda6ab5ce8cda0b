using ConformanceHarness.Protocols;
using ConformanceHarness.Wire;
using Polly;
using Polly.Retry;

namespace ConformanceHarness.Targets;

/// <summary>
/// Readiness of a launched target: its greeting was read, not merely a port opened.
/// Connecting is retried (Polly) until the deadline; reading the greeting is not (a bad greeting is the server's answer).
/// </summary>
public static class GreetingWait
{
    /// <summary>Waits until <paramref name="endpoint"/> greets; returns the greeting line(s), or throws <see cref="TargetStartException"/>.</summary>
    public static async Task<string> WaitAsync(RoleEndpoint endpoint, string role, TimeSpan deadline, Func<string?>? stillAlive, CancellationToken cancellationToken)
    {
        var options = WireOptions.Default with { ConnectTimeout = TimeSpan.FromSeconds(2), StepTimeout = TimeSpan.FromSeconds(10) };
        // The timeout comes first, so it is the outer strategy and bounds all the attempts together: added after the
        // retry it bounded each attempt alone, and a port that never opened was retried for ever.
        var retry = new ResiliencePipelineBuilder<string>()
            .AddTimeout(deadline)
            .AddRetry(new RetryStrategyOptions<string>
            {
                ShouldHandle = new PredicateBuilder<string>().Handle<NotReadyException>(),
                MaxRetryAttempts = int.MaxValue,
                Delay = TimeSpan.FromMilliseconds(200),
                BackoffType = DelayBackoffType.Constant,
            })
            .Build();
        try
        {
            return await retry.ExecuteAsync(
                async ct =>
                {
                    var exited = stillAlive?.Invoke();
                    if (exited is not null)
                    {
                        throw new TargetStartException(exited);
                    }

                    return await TryGreetingAsync(endpoint, role, options, ct).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Polly.Timeout.TimeoutRejectedException)
        {
            throw new TargetStartException($"{role} at {endpoint} did not greet within {deadline.TotalSeconds:0.#}s (waited for a connection to be accepted and a greeting to be read)");
        }
    }

    private static async Task<string> TryGreetingAsync(RoleEndpoint endpoint, string role, WireOptions options, CancellationToken cancellationToken)
    {
        var transcript = new Transcript();
        WireConnection connection;
        try
        {
            connection = await WireConnection.ConnectAsync(endpoint.Host, endpoint.Port, endpoint.ImplicitTls, options, transcript, "ready", cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException or System.Security.Authentication.AuthenticationException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new NotReadyException(e is OperationCanceledException ? $"no connection within {options.ConnectTimeout.TotalSeconds:0.#}s" : e.Message);
        }

        await using (connection.ConfigureAwait(false))
        {
            using var step = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            step.CancelAfter(options.StepTimeout);
            try
            {
                return await ReadGreetingAsync(connection, role, options, transcript, step.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TargetStartException($"{role} at {endpoint} accepted the connection but sent no greeting within {options.StepTimeout.TotalSeconds:0.#}s");
            }
        }
    }

    private static async Task<string> ReadGreetingAsync(WireConnection connection, string role, WireOptions options, Transcript transcript, CancellationToken cancellationToken)
    {
        var (reply, failure) = await Dialects.For(Role.Parse(role)).ReadAsync(connection, options, multiLine: false, cancellationToken).ConfigureAwait(false);
        if (reply is null && failure?.Kind is Wire.ReadFailureKind.Closed or Wire.ReadFailureKind.Reset)
        {
            // A container's port proxy accepts before the server listens, then closes: not ready yet.
            throw new NotReadyException("the connection was closed before a greeting");
        }

        // A server that answers with something else is ready: the scenarios will grade its greeting.
        return reply?.ToString() ?? transcript.Render();
    }

    /// <summary>
    /// A live server is already running: one contact, no retry. Unreachable, unresolvable, refused, closed before
    /// greeting or silent: the run cannot grade it, a <see cref="TargetStartException"/> saying which.
    /// </summary>
    public static async Task<string> ContactAsync(RoleEndpoint endpoint, string role, TimeSpan greetingTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        try
        {
            return await TryGreetingAsync(endpoint, role, WireOptions.Default with { StepTimeout = greetingTimeout }, cancellationToken).ConfigureAwait(false);
        }
        catch (NotReadyException e)
        {
            throw new TargetStartException($"{role} at {endpoint} could not be reached: {e.Message}");
        }
    }

    private sealed class NotReadyException(string reason) : Exception(reason);
}
