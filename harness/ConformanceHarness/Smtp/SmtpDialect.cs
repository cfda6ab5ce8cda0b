using System.Text;
using System.Text.RegularExpressions;
using ConformanceHarness.Protocols;
using ConformanceHarness.Running;
using ConformanceHarness.Scenarios;
using ConformanceHarness.Targets;
using ConformanceHarness.Wire;

namespace ConformanceHarness.Smtp;

/// <summary>SMTP as the harness speaks it: multi-line replies (RFC 5321 §4.2), EHLO keywords, STARTTLS (RFC 3207).</summary>
internal sealed partial class SmtpDialect : IProtocolDialect
{
    public MailProtocol Protocol => MailProtocol.Smtp;

    public string TlsVerb => "STARTTLS";

    public string ReplyNoun => "reply";

    public string GreetingName => "220";

    public bool GreetingMayBeSlow => true;

    public string QuitAnswer => "221";

    public string FramingRule => "RFC 5321 §4.2: every command MUST generate exactly one reply; §4.2.1: every line of a multiline reply but the last has '-' after the code";

    public async Task<(ProtocolReply? Reply, ReadFailure? Failure)> ReadAsync(WireConnection connection, WireOptions options, bool multiLine, CancellationToken cancellationToken)
    {
        var (reply, failure) = await SmtpReplyReader.ReadAsync(connection, options, cancellationToken).ConfigureAwait(false);
        return (reply is null ? null : new ProtocolReply(reply), failure);
    }

    public bool Matches(ProtocolReply reply, ReplyPattern pattern) => pattern.MatchesSmtp(reply.Smtp!.Code);

    public bool IsGoodGreeting(ProtocolReply reply) => reply.Smtp!.Class == 2;

    public bool IsTlsGoAhead(ProtocolReply reply) => reply.Smtp!.Code == 220;

    public async Task<HashSet<string>> ListCapabilitiesAsync(WireConnection connection, TestIdentity identity, WireOptions options, CancellationToken cancellationToken)
    {
        await connection.SendAsync(Encoding.ASCII.GetBytes($"EHLO {identity.ClientName}\r\n"), cancellationToken).ConfigureAwait(false);
        var (reply, _) = await SmtpReplyReader.ReadAsync(connection, options, cancellationToken).ConfigureAwait(false);
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

    [GeneratedRegex(@"^SIZE\s+0*[1-9][0-9]*\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex SizeLimit();
}
