using System.Text;
using ConformanceHarness.Pop3;
using ConformanceHarness.Targets;
using ConformanceHarness.Wire;

namespace ConformanceHarness.Delivery;

/// <summary>
/// Reads the test user's maildrop over POP3 (STLS first when offered) to see whether a message carrying a token
/// was delivered. It never deletes anything: it reads and QUITs without DELE.
/// </summary>
public sealed class MailboxOracle(RoleEndpoint pop3, TestIdentity identity, WireOptions? options = null) : IDeliveryOracle
{
    /// <summary>
    /// One oracle session at a time per maildrop: two overlapping logins to one mbox can each hold a read lock and
    /// wait for the other's to sync (Dovecot then stalls until our step timeout), so a correct server would be graded
    /// "not delivered" for the harness's own overlap (RFC 1939 §8: the maildrop may be locked per session).
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> Maildrops = new(StringComparer.Ordinal);

    private readonly WireOptions options = options ?? WireOptions.Default;

    public Task<IReadOnlyList<DeliveredMessage>> WaitAsync(string token, int atLeast, TimeSpan within, CancellationToken cancellationToken) =>
        OraclePolling.WaitAsync(
            ReadAllAsync,
            // The maildrop may be locked by a concurrent session.
            e => e is IOException or System.Net.Sockets.SocketException or InvalidOperationException or System.Security.Authentication.AuthenticationException,
            token,
            atLeast,
            within,
            cancellationToken);

    /// <summary>Every message in the maildrop, as retrieved (dot-unstuffed).</summary>
    public async Task<IReadOnlyList<DeliveredMessage>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var maildrop = Maildrops.GetOrAdd($"{pop3}|{identity.User}", _ => new SemaphoreSlim(1, 1));
        await maildrop.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await ReadAllOnceAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            maildrop.Release();
        }
    }

    private async Task<IReadOnlyList<DeliveredMessage>> ReadAllOnceAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.StepTimeout * 3);
        var token = timeout.Token;
        var transcript = new Transcript();
        await using var connection = await WireConnection.ConnectAsync(pop3.Host, pop3.Port, pop3.ImplicitTls, options, transcript, "mailbox", token).ConfigureAwait(false);
        await ExpectOkAsync(connection, false, token).ConfigureAwait(false);
        if (!connection.IsTls)
        {
            var capa = await CommandAsync(connection, "CAPA", true, token).ConfigureAwait(false);
            if (capa.Ok && capa.Body!.Any(l => l.Equals("STLS", StringComparison.OrdinalIgnoreCase)))
            {
                await CommandAsync(connection, "STLS", false, token, requireOk: true).ConfigureAwait(false);
                await connection.UpgradeToTlsAsync(identity.Hostname, token).ConfigureAwait(false);
            }
        }

        await CommandAsync(connection, $"USER {identity.User}", false, token, requireOk: true).ConfigureAwait(false);
        await CommandAsync(connection, $"PASS {identity.Password}", false, token, requireOk: true).ConfigureAwait(false);
        var list = await CommandAsync(connection, "LIST", true, token, requireOk: true).ConfigureAwait(false);
        var result = new List<DeliveredMessage>();
        foreach (var line in list.Body!)
        {
            var number = line.Split(' ')[0];
            var message = await CommandAsync(connection, $"RETR {number}", true, token).ConfigureAwait(false);
            if (message.Ok)
            {
                result.Add(new DeliveredMessage(null, [identity.User], message.BodyBytes ?? [], DateTimeOffset.UtcNow));
            }
        }

        await connection.SendAsync("QUIT\r\n"u8.ToArray(), token).ConfigureAwait(false);
        return result;
    }

    private async Task<Pop3Reply> CommandAsync(WireConnection connection, string command, bool multiLine, CancellationToken token, bool requireOk = false)
    {
        await connection.SendAsync(Encoding.UTF8.GetBytes(command + "\r\n"), token).ConfigureAwait(false);
        return await ExpectOkAsync(connection, multiLine, token, requireOk ? command : null).ConfigureAwait(false);
    }

    private async Task<Pop3Reply> ExpectOkAsync(WireConnection connection, bool multiLine, CancellationToken token, string? mustSucceed = "greeting")
    {
        var (reply, failure) = await Pop3ReplyReader.ReadAsync(connection, options, multiLine, token).ConfigureAwait(false);
        if (reply is null)
        {
            throw new IOException($"mailbox oracle: {failure}");
        }

        if (!reply.Ok && mustSucceed is not null)
        {
            throw new InvalidOperationException($"mailbox oracle: {(mustSucceed.StartsWith("PASS", StringComparison.Ordinal) ? "PASS" : mustSucceed)} refused: {reply.Raw}");
        }

        return reply;
    }
}
