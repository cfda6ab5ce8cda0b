using System.Globalization;
using ConformanceHarness.Pop3;
using ConformanceHarness.Smtp;

namespace ConformanceHarness.Protocols;

/// <summary>One reply as a dialect read it: an SMTP reply or a POP3 response, never both.</summary>
public sealed record ProtocolReply
{
    public ProtocolReply(SmtpReply smtp) => Smtp = smtp;

    public ProtocolReply(Pop3Reply pop3) => Pop3 = pop3;

    public SmtpReply? Smtp { get; }

    public Pop3Reply? Pop3 { get; }

    /// <summary>What <c>{{reply_code}}</c> holds: the three digits, or the POP3 status indicator.</summary>
    public string Code => Smtp is { } smtp ? smtp.Code.ToString(CultureInfo.InvariantCulture) : Pop3!.Ok ? "+OK" : "-ERR";

    /// <summary>The text a <c>S: … /regex/</c> expectation matches and <c>{{reply_text}}</c> holds.</summary>
    public string Text => Smtp?.Text ?? Pop3!.Text;

    /// <summary>RFC 5321 §4.2.1: a 4yz reply is a transient refusal (greylisting, rate limits, shutdown).</summary>
    public bool IsTransient => Smtp is { Class: 4 };

    public override string ToString() => Smtp?.ToString() ?? Pop3!.ToString();
}
