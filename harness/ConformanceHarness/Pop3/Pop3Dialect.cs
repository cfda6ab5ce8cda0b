using ConformanceHarness.Protocols;
using ConformanceHarness.Scenarios;
using ConformanceHarness.Targets;
using ConformanceHarness.Wire;

namespace ConformanceHarness.Pop3;

/// <summary>POP3 as the harness speaks it: status lines and dot-terminated bodies (RFC 1939 §3), CAPA (RFC 2449), STLS (RFC 2595 §4).</summary>
internal sealed class Pop3Dialect : IProtocolDialect
{
    public MailProtocol Protocol => MailProtocol.Pop3;

    public string TlsVerb => "STLS";

    public string ReplyNoun => "response";

    public string GreetingName => "+OK";

    public bool GreetingMayBeSlow => false;

    public string QuitAnswer => "+OK";

    public string FramingRule => "RFC 1939 §3: one response per command; a multi-line response ends with a line of a single '.'";

    public async Task<(ProtocolReply? Reply, ReadFailure? Failure)> ReadAsync(WireConnection connection, WireOptions options, bool multiLine, CancellationToken cancellationToken)
    {
        var (reply, failure) = await Pop3ReplyReader.ReadAsync(connection, options, multiLine, cancellationToken).ConfigureAwait(false);
        return (reply is null ? null : new ProtocolReply(reply), failure);
    }

    public bool Matches(ProtocolReply reply, ReplyPattern pattern) => pattern.MatchesPop3(reply.Pop3!.Ok);

    public bool IsGoodGreeting(ProtocolReply reply) => reply.Pop3!.Ok;

    public bool IsTlsGoAhead(ProtocolReply reply) => reply.Pop3!.Ok;

    public Task<HashSet<string>> ListCapabilitiesAsync(WireConnection connection, TestIdentity identity, WireOptions options, CancellationToken cancellationToken) =>
        new Pop3Session(connection, options).CapaAsync(cancellationToken);
}
