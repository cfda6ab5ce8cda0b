using ConformanceHarness.Protocols;
using ConformanceHarness.Wire;
using Polly;
using Polly.Retry;

namespace ConformanceHarness.Running;

/// <summary>
/// A server turning a connection away before or at its greeting: it closed (or reset) before sending a byte, or greeted
/// 421 (RFC 5321 §3.1: "421 Service not available"). Servers do this at their connection limits (Courier's MAXPERIP,
/// popa3d's per-source limit), so it says nothing about conformance: the connection is retried after a backoff, and a
/// server that still turns it away leaves the scenario Inconclusive, never Fail. Only the greeting is retried: after
/// it, every reply is graded as it comes (a retry there would hide non-conformance).
/// </summary>
internal static class ServiceRefusal
{
    /// <summary>The result's summary when every attempt was turned away.</summary>
    public const string Summary = "the server refused the connection: per-address limit?";

    /// <summary>Retries of one connection after the first attempt, at most.</summary>
    public const int Retries = 7;

    /// <summary>A greeting read on <paramref name="connection"/> that means "not served": closed or reset before the server sent a byte, or an SMTP 421.</summary>
    public static bool IsRefusal(ProtocolReply? reply, ReadFailure? failure, WireConnection connection) =>
        reply?.Smtp is { Code: 421 }
        || (failure is { Kind: ReadFailureKind.Closed or ReadFailureKind.Reset } && connection.BytesReceived == 0);

    /// <summary>What a refusal looked like, for notes: "closed before its greeting", "greeted 421 …".</summary>
    public static string Describe(ProtocolReply? reply, ReadFailure? failure) =>
        reply is not null ? $"greeted {reply}" : failure?.Kind == ReadFailureKind.Reset ? "reset before its greeting" : "closed before its greeting";

    /// <summary>
    /// A retry pipeline for one connection's opening: attempts whose result is <paramref name="refused"/> are retried
    /// with exponential backoff and jitter from <see cref="WireOptions.RefusalBackoff"/> (each wait at most 16 times it),
    /// while the longest wait still ends within <paramref name="window"/> of the first attempt (so the retries never
    /// outlast the scenario's own bound, which would make an Error of a limit); <paramref name="onRetry"/> hears of each
    /// retry (its number and delay) before the wait.
    /// </summary>
    public static ResiliencePipeline<T> Pipeline<T>(WireOptions options, TimeSpan window, Func<T, bool> refused, Action<T, int, TimeSpan> onRetry)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        return new ResiliencePipelineBuilder<T>()
            .AddRetry(new RetryStrategyOptions<T>
            {
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Result is { } result && refused(result) && clock.Elapsed + (options.RefusalBackoff * 16) <= window),
                MaxRetryAttempts = Retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RefusalBackoff,
                MaxDelay = options.RefusalBackoff * 16,
                OnRetry = args =>
                {
                    onRetry(args.Outcome.Result!, args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }
}
