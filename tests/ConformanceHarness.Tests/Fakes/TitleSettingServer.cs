namespace ConformanceHarness.Tests.Fakes;

/// <summary>
/// An SMTP server whose every reply carries a terminal escape, ESC ] 0;pwned BEL (it would set a terminal's title), and
/// which accepts RCPT before MAIL (so the reply is quoted in a Fail's summary, expected/actual and notes).
/// </summary>
public sealed class TitleSettingServer : LoopbackServer
{
    public const string Escape = "\u001b]0;pwned\u0007";

    /// <summary>The escape as every report and the console must show it.</summary>
    public const string Shown = "\\x1B]0;pwned\\x07";

    public TitleSettingServer() => Start();

    protected override async Task ServeAsync(FakeConnection connection, CancellationToken cancellationToken)
    {
        await connection.WriteAsync($"220 {Escape} ESMTP\r\n", cancellationToken);
        while (await connection.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("QUIT", StringComparison.OrdinalIgnoreCase))
            {
                await connection.WriteAsync($"221 {Escape} bye\r\n", cancellationToken);
                return;
            }

            await connection.WriteAsync($"250 {Escape} ok\r\n", cancellationToken);
        }
    }
}
