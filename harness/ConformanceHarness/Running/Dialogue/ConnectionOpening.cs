using System.Net.Sockets;
using System.Security.Authentication;
using ConformanceHarness.Protocols;
using ConformanceHarness.Targets;
using ConformanceHarness.Wire;

namespace ConformanceHarness.Running.Dialogue;

/// <summary>Opens a named connection (the first one, "main", and every CONNECT) and makes it current.</summary>
internal static class ConnectionOpening
{
    public static async Task<StepProblem?> OpenAsync(DialogueContext context, string name, Role role, RoleEndpoint endpoint, CancellationToken cancellationToken)
    {
        if (context.Options.Polite is { } polite && polite.Delay > TimeSpan.Zero)
        {
            await Task.Delay(polite.Delay, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var wire = await WireConnection.ConnectAsync(endpoint.Host, endpoint.Port, endpoint.ImplicitTls, endpoint.LocalAddress, context.Options.Wire, context.Transcript, name, cancellationToken).ConfigureAwait(false);
            var connection = new DialogueConnection(name, wire, role, endpoint);
            context.Current = connection;
            context.Connections[name] = connection;
            context.Variables["local_ip"] = wire.LocalAddress ?? string.Empty;
            if (string.IsNullOrEmpty(context.Variables.GetValueOrDefault("server_ip")))
            {
                // The profile names no address: the one connected to is the server's (what [IP] relay forms need).
                context.Variables["server_ip"] = wire.RemoteAddress ?? string.Empty;
            }

            return null;
        }
        catch (Exception e) when (e is SocketException or IOException or AuthenticationException or OperationCanceledException)
        {
            if (e is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            context.Transcript.Note($"could not connect to {endpoint} ({role}): {e.Message}", name);
            // A refused connection means nothing listens there: the harness could not run (Error), even on a live
            // host. Only a live host that does not answer in time (tarpit, filtering) gives no grade (Inconclusive).
            var refused = e is SocketException { SocketErrorCode: SocketError.ConnectionRefused };
            var verdict = context.Target.Live && !refused ? Verdict.Inconclusive : Verdict.Error;
            var why = e is OperationCanceledException ? "connect timed out" : e.Message;
            return new StepProblem(verdict, $"could not connect to {role} at {endpoint}: {why}", null, null) { ConnectionRefused = refused };
        }
    }
}
