namespace ConformanceHarness.Scenarios;

/// <summary>
/// One acceptable outcome of an <c>S:</c> line: an SMTP code with optional wildcards (<c>250</c>, <c>25x</c>, <c>5xx</c>),
/// a POP3 status (<c>+OK</c>, <c>-ERR</c>), <c>close</c> (the server closed instead of replying), <c>slow</c> (no reply
/// within the step timeout: a server that throttles, e.g. a tarpit doubling its delay after each wrong guess) or <c>any</c> reply.
/// </summary>
public sealed record ReplyPattern(string Text)
{
    public bool IsAny => Text == "any";

    public bool IsClose => Text == "close";

    public bool IsSlow => Text == "slow";

    public bool IsPop3 => Text is "+OK" or "-ERR";

    public bool MatchesSmtp(int code)
    {
        if (IsAny)
        {
            return true;
        }

        if (IsPop3 || IsClose || IsSlow)
        {
            return false;
        }

        var digits = code.ToString("000", System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < 3; i++)
        {
            if (Text[i] != 'x' && Text[i] != digits[i])
            {
                return false;
            }
        }

        return true;
    }

    public bool MatchesPop3(bool ok) => IsAny || (ok ? Text == "+OK" : Text == "-ERR");

    public override string ToString() => Text;

    public static bool TryParse(string text, out ReplyPattern? pattern)
    {
        pattern = null;
        if (text is "+OK" or "-ERR" or "any" or "close" or "slow")
        {
            pattern = new ReplyPattern(text);
            return true;
        }

        var lower = text.ToLowerInvariant();
        if (lower.Length == 3 && lower[0] is >= '2' and <= '5'
            && (char.IsAsciiDigit(lower[1]) || lower[1] == 'x')
            && (char.IsAsciiDigit(lower[2]) || lower[2] == 'x')
            && !(lower[1] == 'x' && lower[2] != 'x'))
        {
            pattern = new ReplyPattern(lower);
            return true;
        }

        return false;
    }
}
