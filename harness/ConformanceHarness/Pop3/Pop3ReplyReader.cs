using ConformanceHarness.Wire;

namespace ConformanceHarness.Pop3;

/// <summary>Reads POP3 status lines and dot-terminated multi-line bodies (RFC 1939 §3).</summary>
public static class Pop3ReplyReader
{
    /// <summary>Reads a status line; when <paramref name="multiLine"/> and the status is +OK, also the body.</summary>
    public static async Task<(Pop3Reply? Reply, ReadFailure? Failure)> ReadAsync(WireConnection connection, WireOptions options, bool multiLine, CancellationToken cancellationToken)
    {
        var line = await connection.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        if (!line.IsLine)
        {
            return (null, Failure(line));
        }

        var raw = line.Text;
        if (!TryParseStatus(raw, out var ok, out var status, out var text))
        {
            return (null, new ReadFailure(ReadFailureKind.Malformed, "status line does not start with +OK or -ERR", raw));
        }

        if (!multiLine || !ok)
        {
            return (new Pop3Reply(ok, status, text, raw), null);
        }

        var body = new List<string>();
        var bytes = new List<byte>();
        while (true)
        {
            LineRead next;
            try
            {
                next = await connection.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The status line and some of the body came, then nothing: the response never ends (RFC 1939 §3).
                return (null, new ReadFailure(ReadFailureKind.Framing, $"the multi-line response has no terminating '.' line: nothing more after {body.Count} line(s) (RFC 1939 §3)", raw) { Violation = "unterminated" });
            }

            if (!next.IsLine)
            {
                // A close or reset mid-body is a dead connection, not a framing error: nothing more could come.
                return (null, Failure(next) with { Detail = $"multi-line response ended without '.' after {body.Count} lines: {next.Detail}" });
            }

            var content = next.Bytes;
            if (content is [(byte)'.'])
            {
                return (new Pop3Reply(ok, status, text, raw, body, [.. bytes]), null);
            }

            // RFC 1939 §3: a line starting with the termination octet was byte-stuffed; remove one '.'. A line that
            // starts with one '.' and goes on with something else was not stuffed: the server does not byte-stuff, so
            // a line of a single '.' in a message would end the response early.
            if (content.Length > 0 && content[0] == (byte)'.')
            {
                if (content[1] != (byte)'.')
                {
                    return (null, new ReadFailure(ReadFailureKind.Framing, $"line {body.Count + 1} of the multi-line response starts with a single '.' (not byte-stuffed, RFC 1939 §3)", System.Text.Encoding.UTF8.GetString(content)) { Violation = "unstuffed" });
                }

                content = content[1..];
            }

            bytes.AddRange(content);
            bytes.Add((byte)'\r');
            bytes.Add((byte)'\n');
            body.Add(System.Text.Encoding.UTF8.GetString(content));
            if (bytes.Count > options.MaxBodyBytes)
            {
                return (null, new ReadFailure(ReadFailureKind.TooLarge, $"multi-line response exceeds {options.MaxBodyBytes} bytes", raw));
            }
        }
    }

    /// <summary>Parses <c>+OK text</c> / <c>-ERR text</c>; status case is kept so a lower-case one can be graded.</summary>
    public static bool TryParseStatus(string line, out bool ok, out string status, out string text)
    {
        ok = false;
        status = string.Empty;
        text = string.Empty;
        foreach (var candidate in (string[])["+OK", "-ERR"])
        {
            if (line.StartsWith(candidate, StringComparison.OrdinalIgnoreCase)
                && (line.Length == candidate.Length || line[candidate.Length] == ' '))
            {
                ok = candidate == "+OK";
                status = line[..candidate.Length];
                text = line.Length > candidate.Length ? line[(candidate.Length + 1)..] : string.Empty;
                return true;
            }
        }

        return false;
    }

    private static ReadFailure Failure(LineRead line) => line.Status switch
    {
        LineStatus.TooLong => new ReadFailure(ReadFailureKind.TooLarge, line.Detail ?? "line too long"),
        LineStatus.Reset => new ReadFailure(ReadFailureKind.Reset, line.Detail ?? "reset", line.Text),
        _ => new ReadFailure(ReadFailureKind.Closed, line.Detail ?? "closed", line.Text),
    };
}
