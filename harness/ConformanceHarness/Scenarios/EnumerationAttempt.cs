using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ConformanceHarness.Wire;

namespace ConformanceHarness.Scenarios;

/// <summary>
/// One name tried in an enumeration run (RCPT, VRFY, EXPN, POP3 USER+PASS): the command lines from one <c>VERB name</c>
/// to the next, what the server answered to them, and how long that took, read back from the session's transcript.
/// </summary>
public sealed partial record EnumerationAttempt(string Name, string Replies, TimeSpan Delay, bool Answered)
{
    /// <summary>The attempts on <paramref name="connection"/>, in order: a client line starting with <paramref name="verb"/> starts one.</summary>
    public static IReadOnlyList<EnumerationAttempt> Read(IReadOnlyList<TranscriptEntry> entries, string connection, string verb)
    {
        var attempts = new List<EnumerationAttempt>();
        string? name = null;
        TimeSpan start = default, lastClient = default, lastServer = default;
        var replies = new StringBuilder();
        var answered = false;
        void Close()
        {
            if (name is not null)
            {
                attempts.Add(new EnumerationAttempt(name, replies.ToString(), (answered ? lastServer : lastClient) - start, answered));
            }
        }

        foreach (var entry in entries.Where(e => e.Connection == connection && e.Direction != TranscriptDirection.Note))
        {
            if (entry.Direction == TranscriptDirection.Server)
            {
                if (name is not null)
                {
                    replies.Append(Encoding.UTF8.GetString(entry.Bytes));
                    lastServer = entry.At;
                    answered = true;
                }

                continue;
            }

            var text = Encoding.UTF8.GetString(entry.Bytes);
            var line = text.Split('\n')[0].TrimEnd('\r');
            if (line.StartsWith(verb + " ", StringComparison.OrdinalIgnoreCase))
            {
                Close();
                name = NameOf(line[(verb.Length + 1)..]);
                start = entry.At;
                replies.Clear();
            }

            if (name is not null)
            {
                lastClient = entry.At;
                answered = false;
            }
        }

        Close();
        return attempts;
    }

    /// <summary>
    /// What the answer means. SMTP: the reply codes (RFC 5321 §7.3 compares codes; texts echo the name and vary).
    /// POP3: the text with the name itself and long numbers (session ids, timestamps) taken out, since -ERR alone
    /// tells nothing and the text is what differs ("no such user" against "authentication failed").
    /// </summary>
    public string Signature
    {
        get
        {
            var lines = Replies.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (lines.Length > 0 && lines.All(l => l.Length >= 3 && char.IsAsciiDigit(l[0])))
            {
                return string.Join(" ", lines.Select(l => l[..3]).Distinct());
            }

            var text = Replies;
            foreach (var part in new[] { Name, Name.Split('@')[0] }.Where(p => p.Length > 0))
            {
                text = text.Replace(part, "NAME", StringComparison.OrdinalIgnoreCase);
            }

            return Digits().Replace(text.Trim(), "#");
        }
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Name}: {(Answered ? Replies.Trim().Replace("\r\n", " / ", StringComparison.Ordinal) : "no answer")} after {Delay.TotalSeconds:0.00} s");

    /// <summary>"TO:&lt;a@b&gt; SIZE=1" → "a@b"; "alice" → "alice".</summary>
    private static string NameOf(string argument)
    {
        var open = argument.IndexOf('<', StringComparison.Ordinal);
        var close = open < 0 ? -1 : argument.IndexOf('>', open);
        return close > open ? argument[(open + 1)..close] : argument.Trim();
    }

    [GeneratedRegex(@"\d{4,}")]
    private static partial Regex Digits();
}
