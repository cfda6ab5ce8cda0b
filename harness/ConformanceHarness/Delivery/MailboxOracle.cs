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
    private readonly WireOptions options = options ?? WireOptions.Default;

    private OraclePolling? polling;

    /// <summary>
    /// The maildrop's turn: one oracle session at a time, and never during a POP3 scenario's own session on it (RFC 1939
    /// §8: the maildrop may be locked per session), or a correct server would be graded "not delivered" for the
    /// harness's own overlap.
    /// </summary>
    public MaildropTurn Turn { get; } = MaildropTurn.For($"{pop3}|{identity.User}");

    public Task<IReadOnlyList<DeliveredMessage>> WaitAsync(string token, int atLeast, TimeSpan within, CancellationToken cancellationToken) =>
        LazyInitializer.EnsureInitialized(ref polling, () => new OraclePolling(
            ReadAllAsync,
            // The maildrop may be locked by a concurrent session.
            e => e is IOException or System.Net.Sockets.SocketException or InvalidOperationException or System.Security.Authentication.AuthenticationException))
        .WaitAsync(token, atLeast, within, cancellationToken, alone: Turn.HeldHere);

    /// <summary>Every message in the maildrop, as retrieved (dot-unstuffed), read in the maildrop's turn.</summary>
    public Task<IReadOnlyList<DeliveredMessage>> ReadAllAsync(CancellationToken cancellationToken) =>
        Turn.WithTurnAsync(ReadAllOnceAsync, cancellationToken);

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
                throw Unreadable(failure!);
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
        null => throw Unreadable(read.Failure!),
        { Ok: false } refused => throw new InvalidOperationException($"mailbox oracle: {what} refused: {refused.Raw}"),
        var reply => reply,
    };

    /// <summary>
    /// A read failure is retried by the polling (the maildrop may be busy), except a framing error: the server's
    /// multi-line responses cannot be read however long the oracle waits, so it is reported at once.
    /// </summary>
    private static Exception Unreadable(ReadFailure failure) => failure.Kind == ReadFailureKind.Framing
        ? new FramingException(failure)
        : new IOException($"mailbox oracle: {failure}");

    private static void Refused(string? problem)
    {
        if (problem is not null)
        {
            throw new InvalidOperationException($"mailbox oracle: {problem}");
        }
    }
}
