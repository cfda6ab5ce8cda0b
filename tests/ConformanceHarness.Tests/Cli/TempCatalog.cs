namespace ConformanceHarness.Tests.Cli;

/// <summary>A scenario catalog in a temporary folder, written by the test, so that CLI tests do not follow the real catalog.</summary>
public sealed class TempCatalog : IDisposable
{
    public const string Greeting = "smtp/test/greeting";
    public const string RcptBeforeMail = "smtp/test/4.1.4/rcpt-before-mail";
    public const string Pop3Greeting = "pop3/test/greeting";

    private TempCatalog()
    {
        Folder = Path.Combine(Path.GetTempPath(), "ch-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    /// <summary>Two SMTP scenarios (one that only a server keeping command order passes) and one POP3 scenario.</summary>
    public static TempCatalog Standard()
    {
        var catalog = new TempCatalog();
        catalog.Write(Greeting, """
            title: The server greets with 220 and says goodbye with 221
            rule: RFC 5321 §4.2
            level: must
            tags: [greeting]
            dialogue: |
              S: 220
              C: QUIT
              S: 221
            """);
        catalog.Write(RcptBeforeMail, """
            title: RCPT before MAIL is refused as a bad sequence
            rule: RFC 5321 §4.1.4
            level: must
            tags: [state, command-order]
            why: A 5xx other than 503 is tolerated.
            quote: "If the commands are out of order, the server MUST return a 503 reply"
            dialogue: |
              S: 220
              C: EHLO {{client}}
              S: 250
              C: RCPT TO:<{{user}}@{{domain}}>
              S: 503 else 5xx
              C: QUIT
              S: 221
            """);
        catalog.Write(Pop3Greeting, """
            title: The POP3 server greets with +OK
            rule: RFC 1939 §4
            level: should
            tags: [greeting]
            dialogue: |
              S: +OK
              C: QUIT
              S: +OK
            """);
        return catalog;
    }

    public void Write(string id, string yaml)
    {
        var path = Path.Combine(Folder, id + ".yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, yaml);
    }

    public string PathOf(string id) => Path.Combine(Folder, id + ".yaml");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
