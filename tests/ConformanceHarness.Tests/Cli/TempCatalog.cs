namespace ConformanceHarness.Tests.Cli;

/// <summary>A scenario catalog in a temporary folder, written by the test, so that CLI tests do not follow the real catalog.</summary>
public sealed class TempCatalog : IDisposable
{
    public const string Greeting = "smtp/test/greeting";
    public const string RcptBeforeMail = "smtp/test/4.1.4/rcpt-before-mail";
    public const string Pop3Greeting = "pop3/test/greeting";

    public const string FlowGreeting = "smtp/flow/greeting";
    public const string FlowRcptBeforeMail = "smtp/flow/rcpt-before-mail";
    public const string FlowNoop = "smtp/flow/noop";
    public const string FlowSmtpUtf8 = "smtp/flow/smtputf8";
    public const string FlowDataBeforeRcpt = "smtp/flow/data-before-rcpt";

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

    /// <summary>
    /// Five strict SMTP scenarios, each turned by one switch of <c>FakeSmtpOptions</c>: <see cref="FlowRcptBeforeMail"/> fails
    /// with <c>SmtpFault.RcptBeforeMailAccepted</c>, <see cref="FlowNoop"/> with <c>NoopRefused</c>, <see cref="FlowDataBeforeRcpt"/>
    /// with <c>DataBeforeRcptAccepted</c>, <see cref="FlowSmtpUtf8"/> is skipped without <c>SmtpUtf8</c>; the greeting always passes.
    /// </summary>
    public static TempCatalog Switchable()
    {
        var catalog = new TempCatalog();
        catalog.Write(FlowGreeting, Strict("The server greets with 220", "RFC 5321 §4.2", string.Empty, "S: 220"));
        catalog.Write(FlowRcptBeforeMail, Strict("RCPT before MAIL is refused with 503", "RFC 5321 §4.1.4", string.Empty, "S: 220", "C: EHLO {{client}}", "S: 250", "C: RCPT TO:<{{user}}@{{domain}}>", "S: 503"));
        catalog.Write(FlowNoop, Strict("NOOP is answered 250", "RFC 5321 §4.1.1.9", string.Empty, "S: 220", "C: EHLO {{client}}", "S: 250", "C: NOOP", "S: 250"));
        catalog.Write(FlowSmtpUtf8, Strict("MAIL takes the SMTPUTF8 parameter", "RFC 6531 §3.4", "requires: [smtputf8]", "S: 220", "C: EHLO {{client}}", "S: 250", "C: MAIL FROM:<{{user}}@{{domain}}> SMTPUTF8", "S: 250"));
        catalog.Write(FlowDataBeforeRcpt, Strict("DATA before RCPT is refused", "RFC 5321 §4.1.4", string.Empty, "S: 220", "C: EHLO {{client}}", "S: 250", "C: MAIL FROM:<{{user}}@{{domain}}>", "S: 250", "C: DATA", "S: 503 | 554"));
        return catalog;

        static string Strict(string title, string rule, string requires, params string[] dialogue) =>
            $"title: {title}\nrule: {rule}\nlevel: must\n{(requires.Length > 0 ? requires + "\n" : string.Empty)}dialogue: |\n" +
            string.Concat(dialogue.Append("C: QUIT").Append("S: 221").Select(line => $"  {line}\n"));
    }

    /// <summary><paramref name="count"/> copies of a greeting scenario (<c>smtp/many/greeting-1</c>…), one SMTP session each.</summary>
    public static TempCatalog Greetings(int count)
    {
        var catalog = new TempCatalog();
        for (var i = 1; i <= count; i++)
        {
            catalog.Write($"smtp/many/greeting-{i}", $"title: Greeting {i}\nrule: RFC 5321 §4.2\nlevel: must\ndialogue: |\n  S: 220\n  C: QUIT\n  S: 221\n");
        }

        return catalog;
    }

    public void Write(string id, string yaml)
    {
        var path = Path.Combine(Folder, id + ".yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, yaml);
    }

    public string PathOf(string id) => Path.Combine(Folder, id + ".yaml");

    /// <summary>A file under <c>out/</c> of the folder, for the reports a test has the CLI write.</summary>
    public string Output(string name) => Path.Combine(Folder, "out", name);

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
