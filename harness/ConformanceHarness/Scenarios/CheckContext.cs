using ConformanceHarness.Delivery;
using ConformanceHarness.Pop3;
using ConformanceHarness.Smtp;

namespace ConformanceHarness.Scenarios;

/// <summary>What an <c>ASSERT</c> can look at: the last reply on the current connection and the last delivered messages.</summary>
public sealed record CheckContext(SmtpReply? LastSmtp, Pop3Reply? LastPop3, IReadOnlyList<DeliveredMessage> LastDelivered, IReadOnlyDictionary<string, string> Variables)
{
    /// <summary>Every SMTP reply read on the current connection so far, the greeting first (for whole-session checks).</summary>
    public IReadOnlyList<SmtpReply> SessionSmtp { get; init; } = [];

    /// <summary>The scenario's transcript so far and the current connection's name (for checks over a whole session's timing).</summary>
    public IReadOnlyList<Wire.TranscriptEntry> Transcript { get; init; } = [];

    public string Connection { get; init; } = "main";

    /// <summary>Where a check reports what it measured, whatever its verdict (a note on the result).</summary>
    public Action<string> Note { get; init; } = _ => { };

    /// <summary>How long after the last write the last reply (or close) came on the current connection; null when not timed.</summary>
    public TimeSpan? ReplyAfter { get; init; }

    /// <summary>The last S: line read a close instead of a reply.</summary>
    public bool ReplyWasClose { get; init; }
}
