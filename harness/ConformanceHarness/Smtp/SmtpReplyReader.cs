using System.Globalization;
using ConformanceHarness.Wire;

namespace ConformanceHarness.Smtp;

/// <summary>Reads and validates one SMTP reply from a connection (RFC 5321 §4.2, §4.2.1).</summary>
public static class SmtpReplyReader
{
    /// <summary>
    /// Reads one complete reply. Malformed output (no code, wrong separator, codes differing between lines,
    /// endless continuation) is returned as a <see cref="ReadFailure"/>, never thrown.
    /// The step timeout arrives through <paramref name="cancellationToken"/> as <see cref="OperationCanceledException"/>.
    /// </summary>
    public static async Task<(SmtpReply? Reply, ReadFailure? Failure)> ReadAsync(WireConnection connection, WireOptions options, CancellationToken cancellationToken)
    {
        var texts = new List<string>();
        var raws = new List<string>();
        var bareLf = 0;
        int? code = null;
        while (true)
        {
            var line = await connection.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (!line.IsLine)
            {
                var kind = line.Status switch
                {
                    LineStatus.TooLong => ReadFailureKind.TooLarge,
                    LineStatus.Reset => ReadFailureKind.Reset,
                    _ => ReadFailureKind.Closed,
                };
                raws.Add(line.Text);
                return (null, new ReadFailure(kind, line.Detail ?? kind.ToString(), Joined(raws)));
            }

            if (line.Terminator == "\n")
            {
                bareLf++;
            }

            var text = line.Text;
            raws.Add(text);
            var parsed = TryParseLine(text, out var lineCode, out var last, out var rest);
            if (!parsed)
            {
                return (null, new ReadFailure(ReadFailureKind.Malformed, $"line {raws.Count} is not '<3 digits>[ -]<text>'", Joined(raws)));
            }

            if (code is not null && code != lineCode)
            {
                return (null, new ReadFailure(ReadFailureKind.Malformed, $"line {raws.Count} has code {lineCode}, the reply started with {code} (RFC 5321 §4.2.1: the same code on every line)", Joined(raws)));
            }

            code = lineCode;
            texts.Add(rest);
            if (last)
            {
                _ = EnhancedStatusCode.TryParsePrefix(texts[0], out var enhanced);
                return (new SmtpReply(lineCode, texts, enhanced, raws, bareLf), null);
            }

            if (raws.Count >= options.MaxReplyLines)
            {
                return (null, new ReadFailure(ReadFailureKind.TooLarge, $"reply has more than {options.MaxReplyLines} lines", Joined(raws[..3])));
            }
        }
    }

    /// <summary>Parses <c>ddd</c>, <c>ddd text</c> or <c>ddd-text</c>.</summary>
    public static bool TryParseLine(string line, out int code, out bool last, out string text)
    {
        code = 0;
        last = true;
        text = string.Empty;
        if (line.Length < 3 || !char.IsAsciiDigit(line[0]) || !char.IsAsciiDigit(line[1]) || !char.IsAsciiDigit(line[2]))
        {
            return false;
        }

        // RFC 5321 §4.2: the first digit is 2-5, the second 0-5.
        if (line[0] < '2' || line[0] > '5' || line[1] > '5')
        {
            return false;
        }

        code = int.Parse(line.AsSpan(0, 3), CultureInfo.InvariantCulture);
        if (line.Length == 3)
        {
            return true;
        }

        if (line[3] is not (' ' or '-'))
        {
            return false;
        }

        last = line[3] == ' ';
        text = line[4..];
        return true;
    }

    private static string Joined(IEnumerable<string> lines) => string.Join(" / ", lines);
}
