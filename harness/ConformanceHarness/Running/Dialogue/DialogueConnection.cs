using ConformanceHarness.Pop3;
using ConformanceHarness.Protocols;
using ConformanceHarness.Smtp;
using ConformanceHarness.Wire;

namespace ConformanceHarness.Running.Dialogue;

/// <summary>One named connection of a dialogue: its wire, its role's dialect, and what was read on it.</summary>
internal sealed class DialogueConnection(string name, WireConnection wire, Role role)
{
    public string Name { get; } = name;

    public WireConnection Wire { get; } = wire;

    public Role Role { get; } = role;

    public IProtocolDialect Dialect { get; } = Dialects.For(role);

    /// <summary>The replies this connection owes, for the framing check.</summary>
    public ReplyLedger Ledger { get; } = new(role.Protocol);

    public SmtpReply? LastSmtp { get; set; }

    public Pop3Reply? LastPop3 { get; set; }

    /// <summary>Every SMTP reply read on this connection, the greeting first.</summary>
    public List<SmtpReply> SessionSmtp { get; } = [];

    /// <summary>Replies read so far (the first is the greeting, which may be slow on purpose).</summary>
    public int Replies { get; set; }

    /// <summary>Polite mode: the recipients of the open transaction, as written in RCPT TO.</summary>
    public List<string> Recipients { get; } = [];

    /// <summary>A reply read by an S: line: the last one for ASSERT (the session's list too, for SMTP).</summary>
    public void Record(ProtocolReply reply)
    {
        if (reply.Smtp is { } smtp)
        {
            LastSmtp = smtp;
            SessionSmtp.Add(smtp);
        }
        else
        {
            LastPop3 = reply.Pop3;
        }
    }

    /// <summary>After a TLS handshake nothing read before it may be asserted on (RFC 3207 §4.2: discard prior knowledge).</summary>
    public void ForgetLastReply()
    {
        LastSmtp = null;
        LastPop3 = null;
    }
}
