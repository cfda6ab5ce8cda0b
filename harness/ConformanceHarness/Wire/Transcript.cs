using System.Diagnostics;
using System.Text;

namespace ConformanceHarness.Wire;

/// <summary>
/// The byte-exact record of everything a scenario sent and received, on every connection it opened.
/// Thread-safe; entries keep arrival order.
/// </summary>
public sealed class Transcript
{
    private readonly List<TranscriptEntry> entries = [];
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly Lock gate = new();

    public IReadOnlyList<TranscriptEntry> Entries
    {
        get
        {
            lock (gate)
            {
                return [.. entries];
            }
        }
    }

    public void Client(ReadOnlySpan<byte> bytes, string connection = "main") => Add(TranscriptDirection.Client, bytes.ToArray(), connection);

    public void Server(ReadOnlySpan<byte> bytes, string connection = "main") => Add(TranscriptDirection.Server, bytes.ToArray(), connection);

    public void Note(string text, string connection = "main") => Add(TranscriptDirection.Note, Encoding.UTF8.GetBytes(text), connection);

    private void Add(TranscriptDirection direction, byte[] bytes, string connection)
    {
        if (bytes.Length == 0 && direction != TranscriptDirection.Note)
        {
            return;
        }

        lock (gate)
        {
            // Coalesce consecutive chunks in the same direction so a reply read byte by byte stays one entry.
            if (entries.Count > 0 && direction != TranscriptDirection.Note)
            {
                var last = entries[^1];
                if (last.Direction == direction && last.Connection == connection && !EndsWithLineBreak(last.Bytes))
                {
                    entries[^1] = last with { Bytes = [.. last.Bytes, .. bytes] };
                    return;
                }
            }

            entries.Add(new TranscriptEntry(clock.Elapsed, direction, bytes, connection));
        }
    }

    private static bool EndsWithLineBreak(byte[] bytes) => bytes.Length > 0 && bytes[^1] == (byte)'\n';

    /// <summary>
    /// Renders the transcript as text, one line per wire line, with CR and LF made visible
    /// (<c>\r\n</c> ends a line as <c>⏎</c>; a bare CR or LF shows as <c>\r</c> / <c>\n</c>; other control bytes as <c>\xHH</c>).
    /// </summary>
    public string Render() => Render(Entries);

    /// <summary>Renders recorded entries (see <see cref="Render()"/>).</summary>
    public static string Render(IEnumerable<TranscriptEntry> entries)
    {
        var text = new StringBuilder();
        foreach (var entry in entries)
        {
            var prefix = entry.Connection == "main" ? string.Empty : $"[{entry.Connection}] ";
            if (entry.Direction == TranscriptDirection.Note)
            {
                text.Append(prefix).Append("-- ").AppendLine(Encoding.UTF8.GetString(entry.Bytes));
                continue;
            }

            var tag = entry.Direction == TranscriptDirection.Client ? "C: " : "S: ";
            foreach (var line in SplitLines(entry.Bytes))
            {
                text.Append(prefix).Append(tag).AppendLine(Visible(line));
            }
        }

        return text.ToString();
    }

    /// <summary>Splits after each LF, so each piece keeps its own terminator (CRLF, bare LF, or none).</summary>
    internal static IEnumerable<byte[]> SplitLines(byte[] bytes)
    {
        var start = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                yield return bytes[start..(i + 1)];
                start = i + 1;
            }
        }

        if (start < bytes.Length)
        {
            yield return bytes[start..];
        }
    }

    /// <summary>Makes a wire line readable: CRLF at the end becomes ⏎; bare CR/LF, NUL and other controls are escaped.</summary>
    public static string Visible(ReadOnlySpan<byte> line)
    {
        var text = new StringBuilder(line.Length + 4);
        var end = line.Length;
        var crlf = end >= 2 && line[end - 2] == '\r' && line[end - 1] == '\n';
        if (crlf)
        {
            end -= 2;
        }

        for (var i = 0; i < end; i++)
        {
            var b = line[i];
            switch (b)
            {
                case (byte)'\r': text.Append("\\r"); break;
                case (byte)'\n': text.Append("\\n"); break;
                case (byte)'\t': text.Append('\t'); break;
                case (byte)'\\': text.Append("\\\\"); break;
                case < 0x20 or 0x7F: text.Append("\\x").Append(b.ToString("X2")); break;
                case < 0x80: text.Append((char)b); break;
                default:
                    // Keep valid UTF-8 readable; escape anything else.
                    var len = Utf8SequenceLength(line[i..end]);
                    if (len > 0)
                    {
                        text.Append(Encoding.UTF8.GetString(line.Slice(i, len)));
                        i += len - 1;
                    }
                    else
                    {
                        text.Append("\\x").Append(b.ToString("X2"));
                    }

                    break;
            }
        }

        if (crlf)
        {
            text.Append('⏎');
        }

        return text.ToString();
    }

    /// <summary>
    /// Text for a person (a result's summary, expected, actual, notes; a server's output): the control characters a server
    /// may have sent are escaped as <see cref="Visible(ReadOnlySpan{byte})"/> escapes them (<c>\xHH</c>, a CR as <c>\r</c>),
    /// so that none reaches a terminal (ESC ] 0;… BEL retitles it) or an HTML attribute; line breaks and tabs are kept.
    /// </summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    public static string? VisibleText(string? text)
    {
        if (text is null || !text.Any(NeedsEscape))
        {
            return text;
        }

        var visible = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\r' => visible.Append("\\r"),
                _ when NeedsEscape(c) => visible.Append("\\x").Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture)),
                _ => visible.Append(c),
            };
        }

        return visible.ToString();
    }

    /// <summary>C0 controls but line feed and tab, DEL, and the C1 controls (U+009B is a terminal's CSI).</summary>
    private static bool NeedsEscape(char c) => (c < 0x20 && c is not '\n' and not '\t') || c is >= '\u007F' and <= '\u009F';

    private static int Utf8SequenceLength(ReadOnlySpan<byte> s) =>
        System.Text.Rune.DecodeFromUtf8(s, out _, out var consumed) == System.Buffers.OperationStatus.Done ? consumed : 0;
}
