using System.Globalization;
using System.Text;

namespace ConformanceHarness.Tests.Fakes;

/// <summary>The TRANSACTION-state commands of <see cref="FakePop3Session"/> (RFC 1939 §5, §7 UIDL).</summary>
internal sealed class FakePop3Transaction(FakeConnection connection, FakePop3Options options, IReadOnlyList<FakeMessage> messages, HashSet<int> deleted, FakeMaildrop maildrop, string sessionSalt)
{
    public async Task HandleAsync(string verb, string argument, CancellationToken ct)
    {
        switch (verb)
        {
            case "STAT":
                var live = Live().ToList();
                var octets = live.Sum(Size);
                await OkAsync(options.Has(Pop3Fault.StatVerbose) ? $"{live.Count} messages ({octets} octets)" : $"{live.Count} {octets}", ct);
                break;
            case "LIST":
                await ListingAsync(argument, n => Size(n).ToString(CultureInfo.InvariantCulture), terminate: !options.Has(Pop3Fault.ListUnterminated), ct);
                break;
            case "UIDL":
                await ListingAsync(argument, n => options.Has(Pop3Fault.UidlPerSession) ? $"{messages[n - 1].Uid}-{sessionSalt}" : messages[n - 1].Uid, terminate: true, ct);
                break;
            case "RETR":
                await RetrAsync(argument, null, ct);
                break;
            case "TOP":
                var words = argument.Split(' ');
                if (words.Length != 2 || !int.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out var lines))
                {
                    await ErrAsync("TOP needs a message number and a line count", ct);
                    break;
                }

                await RetrAsync(words[0], options.Has(Pop3Fault.TopWholeMessage) ? null : lines, ct);
                break;
            case "DELE":
                if (Number(argument) is { } dele)
                {
                    deleted.Add(dele);
                    if (options.Has(Pop3Fault.DeleExpunges))
                    {
                        maildrop.Remove([messages[dele - 1].Uid]);
                    }

                    await OkAsync($"message {dele} deleted", ct);
                }
                else
                {
                    await ErrAsync("no such message", ct);
                }

                break;
            case "RSET":
                if (!options.Has(Pop3Fault.RsetKeepsMarks))
                {
                    deleted.Clear();
                }

                await OkAsync($"maildrop has {messages.Count} messages", ct);
                break;
            default:
                await OkAsync(string.Empty, ct);
                break;
        }
    }

    /// <summary>Writes a status line; "+OK" and "-ERR" are upper case unless the fault says otherwise.</summary>
    public static Task StatusAsync(FakeConnection connection, FakePop3Options options, bool ok, string text, CancellationToken ct)
    {
        var status = ok ? "+OK" : "-ERR";
        if (options.Has(Pop3Fault.LowerCaseStatus))
        {
            status = status.ToLowerInvariant();
        }

        return connection.WriteAsync(text.Length == 0 ? $"{status}\r\n" : $"{status} {text}\r\n", ct);
    }

    private async Task ListingAsync(string argument, Func<int, string> describe, bool terminate, CancellationToken ct)
    {
        if (argument.Length > 0)
        {
            await (Number(argument) is { } n ? OkAsync($"{n} {describe(n)}", ct) : ErrAsync("no such message", ct));
            return;
        }

        var body = new StringBuilder();
        foreach (var n in Live())
        {
            body.Append(CultureInfo.InvariantCulture, $"{n} {describe(n)}\r\n");
        }

        if (terminate)
        {
            body.Append(".\r\n");
        }

        await OkAsync($"{Live().Count()} messages", ct);
        await connection.WriteAsync(body.ToString(), ct);
    }

    /// <summary>RETR n, or TOP n m when <paramref name="topLines"/> is set: the headers, the empty line, then m body lines.</summary>
    private async Task RetrAsync(string argument, int? topLines, CancellationToken ct)
    {
        if (Number(argument) is not { } n)
        {
            await ErrAsync("no such message", ct);
            return;
        }

        var content = messages[n - 1].Content;
        if (topLines is { } m)
        {
            var text = Encoding.UTF8.GetString(content);
            var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var head = split < 0 ? text : text[..(split + 4)];
            var rest = split < 0 ? [] : text[(split + 4)..].Split("\r\n");
            content = Encoding.UTF8.GetBytes(head + string.Concat(rest.Take(Math.Min(m, rest.Length - (text.EndsWith("\r\n", StringComparison.Ordinal) ? 1 : 0))).Select(l => l + "\r\n")));
        }

        var body = new StringBuilder();
        foreach (var line in Encoding.UTF8.GetString(content).Split("\r\n"))
        {
            // RFC 1939 §3: a line beginning with the termination octet is byte-stuffed.
            body.Append(line.StartsWith('.') && !options.Has(Pop3Fault.NoByteStuffing) ? "." + line : line).Append("\r\n");
        }

        // Split leaves one empty piece after the final CRLF: drop its CRLF again.
        if (content.Length >= 2 && content[^2] == '\r' && content[^1] == '\n')
        {
            body.Length -= 2;
        }

        await OkAsync($"{content.Length} octets", ct);
        await connection.WriteAsync(body.Append(".\r\n").ToString(), ct);
    }

    /// <summary>A message number that names a message not marked as deleted, else null.</summary>
    private int? Number(string argument) =>
        int.TryParse(argument.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= messages.Count && !Marked(n)
            ? n
            : null;

    private IEnumerable<int> Live() => Enumerable.Range(1, messages.Count).Where(n => !Marked(n));

    private bool Marked(int n) => deleted.Contains(n) && !options.Has(Pop3Fault.DeletedStillServed);

    /// <summary>The exact size RETR sends (CRLF line ends, before byte-stuffing), or without the CRs when the fault says so.</summary>
    private int Size(int n)
    {
        var content = messages[n - 1].Content;
        return options.Has(Pop3Fault.SizesWithoutCr) ? content.Length - content.Count(b => b == (byte)'\r') : content.Length;
    }

    private Task OkAsync(string text, CancellationToken ct) => StatusAsync(connection, options, true, text, ct);

    private Task ErrAsync(string text, CancellationToken ct) => StatusAsync(connection, options, false, text, ct);
}
