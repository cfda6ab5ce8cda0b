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
        var session = new Pop3Session(connection, options);
        Ok(await session.ReadAsync(multiLine: false, token).ConfigureAwait(false), "greeting");
        if (!connection.IsTls && (await session.CapaAsync(token).ConfigureAwait(false)).Contains("STLS"))
        {
            Refused(await session.StlsAsync(identity.Hostname, token).ConfigureAwait(false));
        }

        Refused(await session.LoginAsync(identity.User, identity.Password, token).ConfigureAwait(false));
        var list = Ok(await session.CommandAsync("LIST", multiLine: true, token).ConfigureAwait(false), "LIST");
        var result = new List<DeliveredMessage>();
        foreach (var line in list.Body!)
        {
            var number = line.Split(' ')[0];
            var (message, failure) = await session.CommandAsync($"RETR {number}", multiLine: true, token).ConfigureAwait(false);
            if (message is null)
            {
                throw new IOException($"mailbox oracle: {failure}");
            }

            if (message.Ok)
            {
                result.Add(new DeliveredMessage(null, [identity.User], message.BodyBytes ?? [], DateTimeOffset.UtcNow));
            }
        }

        await session.QuitAsync(token).ConfigureAwait(false);
        return result;
    }

    /// <summary>A response that must be +OK; a read failure or a refusal (a locked maildrop) is retried by the polling.</summary>
    private static Pop3Reply Ok((Pop3Reply? Reply, ReadFailure? Failure) read, string what) => read.Reply switch
    {
        null => throw new IOException($"mailbox oracle: {read.Failure}"),
        { Ok: false } refused => throw new InvalidOperationException($"mailbox oracle: {what} refused: {refused.Raw}"),
        var reply => reply,
    };

    private static void Refused(string? problem)
    {
        if (problem is not null)
        {
            throw new InvalidOperationException($"mailbox oracle: {problem}");
        }
    }
}
