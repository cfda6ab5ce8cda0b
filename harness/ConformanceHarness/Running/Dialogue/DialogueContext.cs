using ConformanceHarness.Delivery;
using ConformanceHarness.Scenarios;
using ConformanceHarness.Targets;
using ConformanceHarness.Wire;
using Polly;
using Polly.Timeout;

namespace ConformanceHarness.Running.Dialogue;

/// <summary>
/// What the steps of one dialogue share: the connections (one current), the variables, the transcript and notes, the
/// bytes waiting to be sent, the step timeout, and the outcome so far. One per scenario run.
/// </summary>
internal sealed class DialogueContext(Scenario scenario, RunningTarget target, RunOptions options, Capabilities capabilities, ConnectionBudget? budget = null)
{
    public Scenario Scenario { get; } = scenario;

    public RunningTarget Target { get; } = target;

    public RunOptions Options { get; } = options;

    /// <summary>What the first role advertised (probed only when the scenario has <c>requires:</c>).</summary>
    public Capabilities Capabilities { get; } = capabilities;

    /// <summary>The target's connection budget, told of every greeting turned away or served (none outside a <see cref="TargetSession"/>).</summary>
    public ConnectionBudget? Budget { get; } = budget;

    public Transcript Transcript { get; } = new();

    public Dictionary<string, DialogueConnection> Connections { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Variables { get; } = VariableSet.Create(target.Profile, options.Variables);

    public List<string> Notes { get; } = [];

    /// <summary>C: and RAW: bytes not yet written: consecutive sends go out in one write, before the next other step.</summary>
    public List<byte> Pending { get; } = [];

    public DialogueOutcome Outcome { get; } = new();

    public DialogueConnection? Current { get; set; }

    /// <summary>The current connection; a step that needs one runs only after the first connection opened.</summary>
    public DialogueConnection Connection => Current ?? throw new InvalidOperationException("no connection is open");

    public TimeSpan StepTimeout { get; set; } = options.Wire.StepTimeout;

    /// <summary>What the last DELIVERED or CONFIRM found (bounces left out), for ASSERT.</summary>
    public IReadOnlyList<DeliveredMessage> LastDelivered { get; set; } = [];

    /// <summary>A broken expectation, weighed by the scenario's level.</summary>
    public StepProblem Graded(string summary, string? expected, string? actual) => new(
        Scenario.Level switch
        {
            Level.Must or Level.Security => Verdict.Fail,
            Level.Should => Verdict.Warn,
            _ => Verdict.Info,
        },
        summary,
        expected,
        actual);

    /// <summary>The server failed to produce a reply: silence, close, reset, garbage, or too much.</summary>
    public StepProblem ReadProblem(ReadFailure failure, string expected)
    {
        if (failure.Kind == ReadFailureKind.Timeout && Target.Live)
        {
            return new StepProblem(Verdict.Inconclusive, $"{failure.Detail} (a live server may be tarpitting): no grade", expected, failure.ToString());
        }

        var what = failure.Kind switch
        {
            ReadFailureKind.Timeout => "the server did not answer in time",
            ReadFailureKind.Closed => "the server closed the connection",
            ReadFailureKind.Reset => "the connection was reset",
            ReadFailureKind.TooLarge => "the server sent more than the harness accepts",
            _ => "the server sent a malformed reply",
        };
        return new StepProblem(Verdict.Fail, $"{what}: {failure.Detail}", expected, failure.ToString());
    }

    /// <summary>The result as it stands, with everything the dialogue recorded.</summary>
    public ScenarioResult Finish(Verdict verdict, string summary, string? expected, string? actual, int? line) => new()
    {
        ScenarioId = Scenario.Id,
        Target = Target.Name,
        Verdict = verdict,
        Summary = summary,
        Expected = expected,
        Actual = actual,
        Line = line,
        Transcript = Transcript.Entries,
        Notes = [.. Notes],
    };

    public async ValueTask WithTimeoutAsync(Func<CancellationToken, ValueTask> action, CancellationToken cancellationToken) =>
        await Pipeline().ExecuteAsync(action, cancellationToken).ConfigureAwait(false);

    public async ValueTask<T> WithTimeoutAsync<T>(Func<CancellationToken, ValueTask<T>> action, CancellationToken cancellationToken) =>
        await Pipeline().ExecuteAsync(action, cancellationToken).ConfigureAwait(false);

    /// <summary>Polly timeout, no retry: a retried protocol step would hide non-conformance.</summary>
    public ResiliencePipeline Pipeline() => StepPipelines.For(StepTimeout);

    /// <summary>
    /// One write under the step timeout. A server that stops reading is a Timeout problem (<paramref name="stalled"/>);
    /// one that closed or reset is only noted (<paramref name="broken"/>): the next expectation decides whether that
    /// was allowed. <c>Written</c> is false in both cases.
    /// </summary>
    public async Task<(bool Written, StepProblem? Problem)> WriteAsync(Func<CancellationToken, Task> write, string stalled, string broken, CancellationToken cancellationToken)
    {
        try
        {
            await WithTimeoutAsync(ct => new ValueTask(write(ct)), cancellationToken).ConfigureAwait(false);
            return (true, null);
        }
        catch (TimeoutRejectedException)
        {
            return (false, ReadProblem(new ReadFailure(ReadFailureKind.Timeout, stalled), "the send to complete"));
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            Transcript.Note($"{broken}: {e.InnerException?.Message ?? e.Message}", Connection.Name);
            return (false, null);
        }
    }

    /// <summary>A step's length in messages: "2s", "0.5s".</summary>
    public string Seconds => $"{StepTimeout.TotalSeconds:0.#}s";
}
