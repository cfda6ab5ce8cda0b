using ConformanceHarness.Pop3;
using ConformanceHarness.Protocols;
using ConformanceHarness.Smtp;
using ConformanceHarness.Targets;
using ConformanceHarness.Wire;

namespace ConformanceHarness.Running.Dialogue;

/// <summary>One named connection of a dialogue: its wire, its role's dialect, and what was read on it.</summary>
internal sealed class DialogueConnection(string name, WireConnection wire, Role role, RoleEndpoint endpoint)
{
    public string Name { get; } = name;

    public WireConnection Wire { get; } = wire;

    public Role Role { get; } = role;

    /// <summary>Where it was opened (a connection turned away before its greeting is opened there again).</summary>
    public RoleEndpoint Endpoint { get; } = endpoint;

    public IProtocolDialect Dialect { get; } = Dialects.For(role);

    public SmtpReply? LastSmtp { get; set; }

    public Pop3Reply? LastPop3 { get; set; }

    /// <summary>Every SMTP reply read on this connection, the greeting first.</summary>
    public List<SmtpReply> SessionSmtp { get; } = [];

    /// <summary>Replies read so far (the first is the greeting, which may be slow on purpose).</summary>
    public int Replies { get; set; }

    /// <summary>When the last write on this connection completed (<see cref="System.Diagnostics.Stopwatch"/> ticks), or null before any.</summary>
    public long? SentAt { get; set; }

    /// <summary>How long after the last write the last S: line's reply (or close) came: what <c>ASSERT reply-after</c> grades.</summary>
    public TimeSpan? LastReplyAfter { get; private set; }

    /// <summary>The last S: line read a close (or reset) instead of a reply.</summary>
    public bool LastWasClose { get; private set; }

    /// <summary>Times what an S: line just read against the last write (a reply read before any write is not timed).</summary>
    public TimeSpan? Timed(bool closed)
    {
        LastReplyAfter = SentAt is { } sent ? System.Diagnostics.Stopwatch.GetElapsedTime(sent) : null;
        LastWasClose = closed;
        return LastReplyAfter;
    }

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
