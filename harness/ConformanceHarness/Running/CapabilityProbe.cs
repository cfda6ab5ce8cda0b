using System.Collections.Concurrent;
using System.Text;
using ConformanceHarness.Pop3;
using ConformanceHarness.Scenarios;
using ConformanceHarness.Smtp;
using ConformanceHarness.Targets;
using ConformanceHarness.Wire;

namespace ConformanceHarness.Running;

/// <summary>
/// Asks each target role once what it advertises (EHLO / CAPA, again after STARTTLS / STLS) so that
/// <c>requires:</c> can skip scenarios for extensions the server does not offer. Results are cached per endpoint.
/// </summary>
public sealed partial class CapabilityProbe
{
    private readonly ConcurrentDictionary<string, Lazy<Task<Capabilities>>> cache = new();

    public Task<Capabilities> GetAsync(RunningTarget target, string role, RoleEndpoint endpoint, WireOptions options, CancellationToken cancellationToken)
    {
        var key = $"{target.Name}|{role}|{endpoint}";
        return cache.GetOrAdd(key, _ => new Lazy<Task<Capabilities>>(() => ProbeAsync(target, role, endpoint, options, cancellationToken))).Value;
    }

    private static async Task<Capabilities> ProbeAsync(RunningTarget target, string role, RoleEndpoint endpoint, WireOptions options, CancellationToken cancellationToken)
    {
        var transcript = new Transcript();
        try
        {
            await using var connection = await WireConnection.ConnectAsync(endpoint.Host, endpoint.Port, endpoint.ImplicitTls, options, transcript, "probe", cancellationToken).ConfigureAwait(false);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.StepTimeout * 4);
            var token = timeout.Token;
            return role is "pop3" or "pop3s"
                ? await ProbePop3Async(connection, target, options, token).ConfigureAwait(false)
                : await ProbeSmtpAsync(connection, target, options, token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or System.Net.Sockets.SocketException or System.Security.Authentication.AuthenticationException)
        {
            return Capabilities.Failed($"capability probe failed: {e.Message}");
        }
    }

    private static async Task<Capabilities> ProbeSmtpAsync(WireConnection connection, RunningTarget target, WireOptions options, CancellationToken token)
    {
        var (greeting, failure) = await SmtpReplyReader.ReadAsync(connection, options, token).ConfigureAwait(false);
        if (greeting is null || greeting.Class != 2)
        {
            return Capabilities.Failed($"no 220 greeting ({(object?)failure ?? greeting})");
        }

        var plain = await EhloAsync(connection, target, options, token).ConfigureAwait(false);
        var afterTls = new HashSet<string>();
        if (plain.Contains("STARTTLS") && !connection.IsTls)
        {
            await connection.SendAsync(Encoding.ASCII.GetBytes("STARTTLS\r\n"), token).ConfigureAwait(false);
            var (go, _) = await SmtpReplyReader.ReadAsync(connection, options, token).ConfigureAwait(false);
            if (go?.Code == 220)
            {
                await connection.UpgradeToTlsAsync(target.Profile.Identity.Hostname, token).ConfigureAwait(false);
                afterTls = await EhloAsync(connection, target, options, token).ConfigureAwait(false);
            }
        }

        await connection.SendAsync(Encoding.ASCII.GetBytes("QUIT\r\n"), token).ConfigureAwait(false);
        return new Capabilities(plain, afterTls, greeting.Text, null);
    }

    private static async Task<HashSet<string>> EhloAsync(WireConnection connection, RunningTarget target, WireOptions options, CancellationToken token)
    {
        await connection.SendAsync(Encoding.ASCII.GetBytes($"EHLO {target.Profile.Identity.ClientName}\r\n"), token).ConfigureAwait(false);
        var (reply, _) = await SmtpReplyReader.ReadAsync(connection, options, token).ConfigureAwait(false);
        if (reply?.Code != 250)
        {
            return [];
        }

        HashSet<string> keywords = [.. ReplyChecks.Keywords(reply)];

        // "SIZE 10240000" (RFC 1870 §4): a fixed limit a scenario can exceed. A bare "SIZE" (or "SIZE 0") declares none.
        if (reply.Lines.Any(l => SizeLimit().IsMatch(l)))
        {
            keywords.Add(Capabilities.SizeLimit);
        }

        return keywords;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^SIZE\s+0*[1-9][0-9]*\s*$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex SizeLimit();

    private static async Task<Capabilities> ProbePop3Async(WireConnection connection, RunningTarget target, WireOptions options, CancellationToken token)
    {
        var (greeting, failure) = await Pop3ReplyReader.ReadAsync(connection, options, multiLine: false, token).ConfigureAwait(false);
        if (greeting is null || !greeting.Ok)
        {
            return Capabilities.Failed($"no +OK greeting ({(object?)failure ?? greeting})");
        }

        var plain = await CapaAsync(connection, options, token).ConfigureAwait(false);
        var afterTls = new HashSet<string>();
        if (plain.Contains("STLS") && !connection.IsTls)
        {
            await connection.SendAsync(Encoding.ASCII.GetBytes("STLS\r\n"), token).ConfigureAwait(false);
            var (go, _) = await Pop3ReplyReader.ReadAsync(connection, options, multiLine: false, token).ConfigureAwait(false);
            if (go?.Ok == true)
            {
                await connection.UpgradeToTlsAsync(target.Profile.Identity.Hostname, token).ConfigureAwait(false);
                afterTls = await CapaAsync(connection, options, token).ConfigureAwait(false);
            }
        }

        await connection.SendAsync(Encoding.ASCII.GetBytes("QUIT\r\n"), token).ConfigureAwait(false);
        return new Capabilities(plain, afterTls, greeting.Text, null);
    }

    private static async Task<HashSet<string>> CapaAsync(WireConnection connection, WireOptions options, CancellationToken token)
    {
        await connection.SendAsync(Encoding.ASCII.GetBytes("CAPA\r\n"), token).ConfigureAwait(false);
        var (reply, _) = await Pop3ReplyReader.ReadAsync(connection, options, multiLine: true, token).ConfigureAwait(false);
        return reply?.Body is null ? [] : [.. reply.Body.Select(l => l.Split(' ', 2)[0].ToUpperInvariant()).Where(t => t.Length > 0)];
    }
}
