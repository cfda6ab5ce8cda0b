namespace ConformanceHarness.Running;

/// <summary>
/// How the runner behaves towards a server it must not harm (a live third-party host). Enforced on the bytes the runner
/// is about to write, not on the scenario's steps, so no scenario can get around it: a DATA or BDAT line is never
/// written unless <see cref="ConfirmRecipient"/> is set and every RCPT of that transaction names it; instead the
/// transaction is reset (RSET) and the session ended (QUIT), and the scenario ends with what it found so far.
/// </summary>
public sealed record PoliteMode
{
    /// <summary>An address the user controls (<c>--confirm-to</c>): the only recipient a message may ever be sent to.</summary>
    public string? ConfirmRecipient { get; init; }

    /// <summary>Waited before every write and every new connection (rate limiting).</summary>
    public TimeSpan Delay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a greeting may take (greet_pause, tarpits): the first reply of each connection gets at least this.</summary>
    public TimeSpan GreetingTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// True when <paramref name="recipient"/> (as written in RCPT TO, in any relay form) routes to the confirmation
    /// address: it names both its local part and its domain.
    /// </summary>
    public bool IsConfirmRecipient(string recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        if (ConfirmRecipient is not { } confirm)
        {
            return false;
        }

        var at = confirm.LastIndexOf('@');
        if (at <= 0)
        {
            return false;
        }

        var local = confirm[..at];
        var domain = confirm[(at + 1)..];
        return recipient.Contains(local, StringComparison.OrdinalIgnoreCase) && recipient.Contains(domain, StringComparison.OrdinalIgnoreCase);
    }
}
