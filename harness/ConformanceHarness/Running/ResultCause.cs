namespace ConformanceHarness.Running;

/// <summary>
/// One thing about a server that makes many scenarios stop at the same place: a greeting that refuses service, a
/// broken QUIT, a framing error. The scenario that is about it grades it; every other scenario that merely ran into
/// it is not graded and points there (<see cref="CauseAttribution"/>). <see cref="Key"/> groups results in reports;
/// <see cref="Text"/> depends on the key alone, so results sharing a key read the same.
/// </summary>
public sealed record ResultCause(string Key, string Text)
{
    /// <summary>RFC 5321 §3.1 / RFC 1939 §4: the greeting refuses service (SMTP: not 220; POP3: -ERR).</summary>
    public static ResultCause Greeting(string protocol, string code) =>
        new($"greeting:{protocol}:{code}", $"the {protocol.ToUpperInvariant()} server greets {code}");

    /// <summary>RFC 5321 §4.1.1.10 / RFC 1939 §6: QUIT is answered 221 / +OK; <paramref name="got"/> is the reply code or "closed".</summary>
    public static ResultCause Quit(string protocol, string expected, string got) => got == "closed"
        ? new($"quit:{protocol}:closed", $"the {protocol.ToUpperInvariant()} server closes on QUIT without answering {expected}")
        : new($"quit:{protocol}:{got}", $"the {protocol.ToUpperInvariant()} server answers QUIT with {got}, not {expected}");

    /// <summary>
    /// The replies fell out of step with the commands. <paramref name="what"/> names the kind in the key ("after-EHLO",
    /// "unstuffed", "unterminated"); <paramref name="text"/> names it, with the rule it breaks, for the reports.
    /// </summary>
    public static ResultCause Framing(string protocol, string what, string text) => new($"framing:{protocol}:{what}", text);

    /// <summary>RFC 1939 §3: a POP3 multi-line response ends with "." alone and byte-stuffs lines that start with ".".</summary>
    public static ResultCause Pop3Body(string violation) => violation == "unstuffed"
        ? Framing("pop3", violation, "framing error: a POP3 multi-line response is not byte-stuffed (RFC 1939 §3: a line that starts with '.' is sent with one more '.')")
        : Framing("pop3", violation, "framing error: a POP3 multi-line response has no terminating '.' line (RFC 1939 §3)");

    public bool IsFraming => Key.StartsWith("framing:", StringComparison.Ordinal);
}
