using ConformanceHarness.Protocols;
using ConformanceHarness.Wire;
using Polly.Timeout;

namespace ConformanceHarness.Running.Dialogue;

/// <summary>Writes the bytes the C:/RAW: lines collected, in one write, through the polite guard when it is on.</summary>
internal static class PendingSend
{
    public static async Task<StepProblem?> FlushAsync(DialogueContext context, CancellationToken cancellationToken)
    {
        if (context.Pending.Count == 0)
        {
            return null;
        }

        var bytes = context.Pending.ToArray();
        context.Pending.Clear();
        var connection = context.Connection;
        if (context.Options.Polite is { } polite)
        {
            if (polite.Delay > TimeSpan.Zero)
            {
                await Task.Delay(polite.Delay, cancellationToken).ConfigureAwait(false);
            }

            var (allowed, withheld) = PoliteGuard.Split(bytes, polite, connection);
            if (withheld is not null)
            {
                if (allowed.Length > 0)
                {
                    await SendQuietlyAsync(context, connection, allowed, cancellationToken).ConfigureAwait(false);
                }

                context.Transcript.Note($"polite probe: {withheld}; not sent — RSET and QUIT instead", connection.Name);
                await GoodbyeAsync(context, connection, cancellationToken).ConfigureAwait(false);
                return new StepProblem(Verdict.Pass, $"polite probe: stopped before DATA ({withheld})", null, null);
            }
        }

        var (written, problem) = await context.WriteAsync(
            ct => connection.Wire.SendAsync(bytes, ct),
            $"sending did not complete within {context.Seconds} (the server stopped reading)",
            "send failed",
            cancellationToken).ConfigureAwait(false);

        // The clock for ASSERT reply-after starts when the bytes are handed over: the server cannot have them earlier,
        // so the measured time is never shorter than the server's own delay.
        connection.SentAt = written ? System.Diagnostics.Stopwatch.GetTimestamp() : connection.SentAt;
        return problem;
    }

    /// <summary>
    /// Ends the SMTP transaction and session without sending a message: RSET, QUIT (RFC 5321 §4.1.1.5, §4.1.1.10), replies
    /// read if they come. A POP3 connection is left as it is: the guard only ever withholds SMTP's DATA and BDAT.
    /// </summary>
    private static async Task GoodbyeAsync(DialogueContext context, DialogueConnection connection, CancellationToken cancellationToken)
    {
        foreach (var command in new[] { "RSET", "QUIT" })
        {
            if (connection.Wire.IsClosed || connection.Role.Protocol != MailProtocol.Smtp)
            {
                return;
            }

            await SendQuietlyAsync(context, connection, System.Text.Encoding.ASCII.GetBytes(command + "\r\n"), cancellationToken).ConfigureAwait(false);
            try
            {
                await context.WithTimeoutAsync(ct => new ValueTask<(ProtocolReply?, ReadFailure?)>(connection.Dialect.ReadAsync(connection.Wire, context.Options.Wire, multiLine: false, ct)), cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutRejectedException)
            {
                return;
            }
        }
    }

    private static async Task SendQuietlyAsync(DialogueContext context, DialogueConnection connection, byte[] bytes, CancellationToken cancellationToken)
    {
        try
        {
            await context.WithTimeoutAsync(ct => new ValueTask(connection.Wire.SendAsync(bytes, ct)), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or ObjectDisposedException or TimeoutRejectedException)
        {
            context.Transcript.Note($"send failed: {e.Message}", connection.Name);
        }
    }
}
