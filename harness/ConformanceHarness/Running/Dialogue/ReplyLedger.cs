using System.Globalization;
using System.Text;
using ConformanceHarness.Protocols;

namespace ConformanceHarness.Running.Dialogue;

/// <summary>
/// The replies a connection owes: the greeting, then one per command line written (RFC 5321 §4.2: every command MUST
/// generate exactly one reply; RFC 1939 §3: one response per command). Pipelined commands (RFC 2920) are owed
/// together, so their queued replies are never out of step; only bytes that arrive when nothing is owed are. SMTP
/// message text (after a 354, up to CRLF.CRLF) and BDAT chunks (RFC 3030) owe one reply for the whole.
/// </summary>
internal sealed class ReplyLedger(MailProtocol protocol)
{
    private readonly Queue<string> owed = new(["greeting"]);
    private readonly List<byte> partial = [];
    private bool inMessageText;
    private long chunkLeft;

    /// <summary>
    /// False once the harness itself wrote bytes whose framing a server may read either way (a bare CR or LF, a NUL:
    /// the smuggling probes): how many replies they owe is then not the harness's to know, so nothing is checked.
    /// </summary>
    public bool Counting { get; private set; } = true;

    /// <summary>Every reply written so far is answered: any byte the server sends now answers no command.</summary>
    public bool InSync => Counting && owed.Count == 0;

    /// <summary>The command the next reply answers ("greeting" first), or null when none is owed.</summary>
    public string? Next => owed.TryPeek(out var verb) ? verb : null;

    /// <summary>The command the last reply read answered.</summary>
    public string? LastAnswered { get; private set; }

    /// <summary>QUIT was written (answered or still owed): the session is already being ended.</summary>
    public bool SaidQuit => LastAnswered == "QUIT" || owed.Contains("QUIT");

    /// <summary>QUIT was the last command written, and it is answered: the session is over (RFC 1939 §6, RFC 5321 §4.1.1.10).</summary>
    public bool QuitAnswered => LastAnswered == "QUIT" && owed.Count == 0;

    /// <summary>A line written now would be read as a command: not inside message text, a BDAT chunk or after a partial line.</summary>
    public bool AcceptsCommand => !inMessageText && chunkLeft == 0 && partial.Count == 0;

    /// <summary>The bytes of one write, counted line by line (a line cut between writes is joined first).</summary>
    public void Sent(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (chunkLeft > 0)
            {
                chunkLeft--;
                continue;
            }

            partial.Add(b);
            if (b == (byte)'\n')
            {
                Line();
            }
        }
    }

    /// <summary>One reply was read: the command it answers leaves the ledger. A 354 opens the message text.</summary>
    public string? Answered(ProtocolReply? reply)
    {
        var verb = owed.TryDequeue(out var v) ? v : null;
        LastAnswered = verb ?? LastAnswered;
        if (reply?.Smtp is { Code: 354 })
        {
            // RFC 5321 §4.1.1.4: after 354 the client sends the message text; one reply comes at its end.
            inMessageText = true;
        }

        return verb;
    }

    /// <summary>
    /// After a TLS handshake nothing written in plaintext is owed any more (RFC 3207 §4.2, RFC 2595 §4: the server
    /// discards it), and an answer to it inside TLS is what EXPECT-SILENCE looks for.
    /// </summary>
    public void Reset()
    {
        owed.Clear();
        partial.Clear();
        inMessageText = false;
        chunkLeft = 0;
    }

    private void Line()
    {
        var bytes = partial.ToArray();
        partial.Clear();
        var crlf = bytes.Length >= 2 && bytes[^2] == (byte)'\r';
        var content = bytes.AsSpan(0, bytes.Length - (crlf ? 2 : 1));
        if (!crlf || content.IndexOfAny((byte)'\r', (byte)'\n', (byte)0) >= 0)
        {
            Counting = false;
            return;
        }

        if (inMessageText)
        {
            if (content is [(byte)'.'])
            {
                inMessageText = false;
                owed.Enqueue("end of data");
            }

            return;
        }

        var line = Encoding.Latin1.GetString(content);
        var verb = line.Split(' ', 2)[0].ToUpperInvariant();
        owed.Enqueue(verb);
        if (protocol == MailProtocol.Smtp && verb == "BDAT")
        {
            // RFC 3030 §2: "BDAT <size> [LAST]" is followed by exactly <size> octets of message, answered once.
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 2 || !long.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out chunkLeft))
            {
                chunkLeft = 0;
            }
        }
    }
}
