namespace ConformanceHarness.Scenarios;

/// <summary>One line of a dialogue. <see cref="Line"/> is the line in the scenario file.</summary>
public abstract record Step(int Line);

/// <summary><c>C: text</c> (CRLF appended) or <c>RAW: bytes</c> (sent as is). Consecutive sends go out in one write.</summary>
public sealed record SendStep(int Line, string Template, bool AppendCrlf) : Step(Line);

/// <summary><c>S: expectation</c>, or <c>S+:</c> for a POP3 multi-line response.</summary>
public sealed record ExpectStep(int Line, Expectation Expectation, bool MultiLine) : Step(Line);

/// <summary><c>TLS</c>: the TLS handshake after a STARTTLS/STLS go-ahead.</summary>
/// <remarks><c>TLS | close</c> (<see cref="OrClose"/>): the server may instead end the connection; the dialogue then ends as Pass
/// (used after plaintext injected behind STLS/STARTTLS: a server that aborts has not answered it inside TLS).</remarks>
public sealed record TlsStep(int Line, bool OrClose = false) : Step(Line);

/// <summary>
/// <c>SECURE</c>: upgrade to TLS if offered. Where the capability probe saw the role's TLS verb (STARTTLS, RFC 3207;
/// STLS, RFC 2595 §4), it is sent, its go-ahead expected and the handshake made; otherwise the dialogue goes on in the
/// clear with a transcript note. For scenarios whose subject is not TLS: they then grade every server, and the
/// cleartext finding stays in its own scenarios.
/// </summary>
public sealed record SecureStep(int Line) : Step(Line);

/// <summary><c>EXPECT-CLOSE</c>: the server must close the connection within the step timeout.</summary>
public sealed record ExpectCloseStep(int Line) : Step(Line);

/// <summary><c>EXPECT-SILENCE 2s</c>: the server must send nothing for that long.</summary>
public sealed record ExpectSilenceStep(int Line, TimeSpan Window) : Step(Line);

/// <summary>
/// <c>FILL 10240000 + 4096</c> (template, then a sum): sends at least that many octets of message text, as
/// 78-octet CRLF lines of printable ASCII that need no dot-stuffing. The transcript records how much was sent, not the bytes.
/// </summary>
public sealed record FillStep(int Line, string OctetsTemplate) : Step(Line);

/// <summary><c>PAUSE 500ms</c>.</summary>
public sealed record PauseStep(int Line, TimeSpan Duration) : Step(Line);

/// <summary><c>TIMEOUT 30s</c>: the step timeout for the steps that follow.</summary>
public sealed record TimeoutStep(int Line, TimeSpan Duration) : Step(Line);

/// <summary><c>CONNECT name [role]</c>: opens another connection and makes it current.</summary>
public sealed record ConnectStep(int Line, string Name, string? Role) : Step(Line);

/// <summary><c>USE name</c>: makes an open connection current.</summary>
public sealed record UseStep(int Line, string Name) : Step(Line);

/// <summary><c>DROP</c>: resets the current connection without QUIT.</summary>
public sealed record DropStep(int Line) : Step(Line);

/// <summary><c>SET name = value</c>: defines a variable (the value may use other variables).</summary>
public sealed record SetStep(int Line, string Name, string Template) : Step(Line);

/// <summary><c>ASSERT check [args]</c>: a built-in check of the last reply (see <c>ReplyChecks</c>).</summary>
public sealed record AssertStep(int Line, string Check, string Arguments) : Step(Line)
{
    /// <summary><c>ASSERT should CHECK …</c>: the rule is a SHOULD, so a failure is Warn (Info at level info) and the dialogue goes on.</summary>
    public bool Should { get; init; }
}

/// <summary>
/// <c>DELIVERED sink|mailbox TOKEN within 10s</c> or <c>NOT-DELIVERED …</c>: the delivery oracle.
/// <see cref="Count"/> (optional, <c>count N</c>) asks for exactly N separate messages carrying the token.
/// <see cref="Show"/> (optional, <c>show From,Received</c>) notes those header lines of the delivered copy: what a recipient sees.
/// </summary>
public sealed record DeliveryStep(int Line, bool Delivered, string Where, string TokenTemplate, TimeSpan Within, int? Count, IReadOnlyList<string>? Show = null) : Step(Line);

/// <summary>
/// <c>CONFIRM sink|mailbox TOKEN within 15s [show H,…] [: label]</c>: confirms an open finding through the delivery oracle.
/// Arrived: the finding is confirmed (its summary starts with the label, e.g. "confirmed relay"). Not arrived, only a
/// bounce, or no such oracle: a note, the finding stays as it was. It never fails by itself.
/// </summary>
public sealed record ConfirmStep(int Line, string Where, string TokenTemplate, TimeSpan Within, IReadOnlyList<string>? Show, string Label) : Step(Line);

/// <summary>
/// <c>LOCATE TOKEN AS name</c> (POP3, TRANSACTION state): finds the message carrying the token by LIST, then TOP n 0
/// (RETR n where TOP is refused) from the last message down, and sets variable <see cref="Name"/> to its number, so a
/// scenario touches only the message it delivered itself even while others share the maildrop.
/// </summary>
public sealed record LocateStep(int Line, string TokenTemplate, string Name) : Step(Line);

/// <summary>
/// <c>SIGNED-DATA d=DOMAIN [s=SELECTOR] [altered]</c> followed by the message as <c>C:</c> lines up to <c>C: .</c>: the
/// message is DKIM-signed for DOMAIN with the run's key (RFC 6376), its body altered after signing when
/// <see cref="AlterBody"/>, then sent dot-stuffed with the end-of-data line (after the server's 354).
/// </summary>
public sealed record SignedDataStep(int Line, string DomainTemplate, string Selector, bool AlterBody, IReadOnlyList<string> MessageLines) : Step(Line);
