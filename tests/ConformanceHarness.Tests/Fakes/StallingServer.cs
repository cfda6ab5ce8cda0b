namespace ConformanceHarness.Tests.Fakes;

/// <summary>An SMTP server that serves its first <c>answered</c> sessions (220, 250 to all, 221 to QUIT), then greets no one: a run that stalls midway.</summary>
public sealed class StallingServer : LoopbackServer
{
    private readonly int answered;
    private readonly TaskCompletionSource stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int sessions;

    public StallingServer(int answered)
    {
        this.answered = answered;
        Start();
    }

    /// <summary>Completes when the first session beyond the answered ones arrives (a client now waits on silence).</summary>
    public Task Stalled => stalled.Task;

    protected override async Task ServeAsync(FakeConnection connection, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref sessions) > answered)
        {
            stalled.TrySetResult();
            await connection.DrainAsync(cancellationToken);
            return;
        }

        await connection.WriteAsync("220 stalling.test ESMTP\r\n", cancellationToken);
        while (await connection.ReadLineAsync(cancellationToken) is { } line)
        {
            var quit = line.StartsWith("QUIT", StringComparison.OrdinalIgnoreCase);
            await connection.WriteAsync(quit ? "221 bye\r\n" : "250 ok\r\n", cancellationToken);
            if (quit)
            {
                return;
            }
        }
    }
}
