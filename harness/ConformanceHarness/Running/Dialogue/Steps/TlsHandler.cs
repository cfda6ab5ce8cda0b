using System.Net.Sockets;
using System.Security.Authentication;
using ConformanceHarness.Scenarios;
using Polly.Timeout;

namespace ConformanceHarness.Running.Dialogue.Steps;

/// <summary><c>TLS</c> / <c>TLS | close</c>: the handshake after a STARTTLS or STLS go-ahead.</summary>
internal sealed class TlsHandler : StepHandler<TlsStep>
{
    protected override async Task<StepProblem?> ExecuteAsync(TlsStep step, DialogueContext context, CancellationToken cancellationToken)
    {
        var connection = context.Connection;
        try
        {
            await context.WithTimeoutAsync(ct => new ValueTask(connection.Wire.UpgradeToTlsAsync(context.Target.Profile.Identity.Hostname, ct)), cancellationToken).ConfigureAwait(false);
            connection.ForgetLastReply();
            connection.Ledger.Reset();
            return null;
        }
        catch (TimeoutRejectedException)
        {
            return new StepProblem(Verdict.Fail, $"TLS handshake did not complete within {context.Seconds}", "TLS handshake", "timeout");
        }
        catch (Exception e) when (e is AuthenticationException or IOException or SocketException)
        {
            context.Transcript.Note($"TLS handshake failed: {e.Message}", connection.Name);
            if (step.OrClose)
            {
                return new StepProblem(Verdict.Pass, $"the server ended the connection instead of completing TLS ({e.Message}): nothing was answered inside TLS", "TLS handshake or close", e.Message);
            }

            return new StepProblem(Verdict.Fail, $"TLS handshake failed: {e.Message}", "TLS handshake", e.Message);
        }
    }
}
