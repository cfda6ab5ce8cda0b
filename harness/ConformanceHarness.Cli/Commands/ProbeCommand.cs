using System.CommandLine;
using System.Globalization;
using ConformanceHarness.Cli.Options;
using ConformanceHarness.Cli.Rendering;
using ConformanceHarness.Probing;
using ConformanceHarness.Reporting;
using ConformanceHarness.Targets;
using ConformanceHarness.Wire;
using Spectre.Console;

namespace ConformanceHarness.Cli.Commands;

/// <summary>
/// <c>probe HOST[:PORT]</c>: the polite audit of a live server — relay forms, enumeration, STARTTLS and auth-gap checks, one
/// at a time, with a delay, never sending DATA unless <c>--confirm-to</c> names a recipient the user controls.
/// <c>probe --domain DOMAIN</c> does the same to every mail exchanger of a domain (<see cref="ProbeDomain"/>).
/// </summary>
internal static class ProbeCommand
{
    public static readonly string[] Examples =
    [
        "conformance-harness probe mx.example.net",
        "conformance-harness probe 127.0.0.1:2525 --mail-domain example.test --user alice --delay 0.2",
        "conformance-harness probe --domain example.net --resolver 127.0.0.1:5353 --port 2525",
        "conformance-harness probe mx.example.net --confirm-to me@mine.example.org --pop3 pop.mine.example.org:110 --pop3-user me --pop3-password secret",
    ];

    public static Command Create(CliHost host, CatalogSource catalogSource)
    {
        var address = new Argument<string?>("HOST[:PORT]") { Description = "The one server to probe (port: :PORT, else --port, else 25); nothing else is contacted", Arity = ArgumentArity.ZeroOrOne };
        var domain = new Option<string?>("--domain", "--mx") { Description = "Probe the mail exchangers of DOMAIN instead of one host: MX lookup (preference order, implicit MX, null MX), each exchanger probed, and the domain's SPF, DMARC and MTA-STS records checked", HelpName = "DOMAIN" };
        var resolver = new Option<string?>("--resolver") { Description = "The DNS server for --domain (IP[:PORT]) [default: the system's resolvers]", HelpName = "IP:PORT" };
        var port = new Option<int?>("--port") { Description = "The SMTP port to probe: on every exchanger with --domain, on HOST when it has no :PORT [default: 25]", HelpName = "PORT" };
        var mailDomain = new Option<string?>("--mail-domain") { Description = "The server's mail domain, for the enumeration checks [default: DOMAIN with --domain, else HOST without its first label]", HelpName = "DOMAIN" };
        var user = new Option<string?>("--user") { Description = "A user known to exist there [default: postmaster, which must exist (RFC 5321 §4.5.1)]", HelpName = "NAME" };
        var delay = SecondsOption.Create("--delay", "Seconds to wait before every command write, connection and scenario [default: 1]");
        var greeting = SecondsOption.Create("--greeting-timeout", "Seconds a greeting may take (greet_pause, tarpits) [default: 30]");
        var timeout = SecondsOption.Create("--timeout", "Seconds one reply may take [default: 30]");
        var submission = new Option<int?>("--submission-port") { Description = "Also probe this submission port (authenticated relay, auth-gap checks)", HelpName = "PORT" };
        var confirmTo = new Option<string?>("--confirm-to") { Description = "A recipient YOU control: relay forms address it, and only then is DATA sent (never to anyone else)", HelpName = "ADDRESS" };
        var senderAuth = new Option<bool>("--sender-auth") { Description = "Also ask whether the server refuses mail forged in the --mail-domain's name (an envelope sender its SPF record excludes): MAIL and RCPT only, unless --confirm-to is that server's mailbox of yours" };
        var pop3 = new Option<string?>("--pop3") { Description = "Your POP3 server (HOST:PORT) where --confirm-to mail lands: checked for relayed messages", HelpName = "HOST:PORT" };
        var pop3User = new Option<string?>("--pop3-user") { Description = "Your POP3 user name", HelpName = "NAME" };
        var pop3Password = new Option<string?>("--pop3-password") { Description = "Your POP3 password", HelpName = "PASSWORD" };
        var json = new Option<string?>("--json") { Description = "Write the JSON report (schema conformance-harness/report/v1) to FILE", HelpName = "FILE" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Show the details and transcript of every result" };
        var command = new Command("probe", "Politely probe a live server (or every mail exchanger of a domain) for open relay, user enumeration, STARTTLS and auth gaps; no DATA unless --confirm-to")
        {
            address, domain, resolver, port, mailDomain, user, delay, greeting, timeout, submission, confirmTo, senderAuth, pop3, pop3User, pop3Password, json, verbose,
        };
        command.SetGuardedAction(host, async (parse, cancellationToken) =>
        {
            var smtpPort = parse.GetValue(port) is { } p ? CheckPort(p, "--port") : (int?)null;

            // What every probed host gets, whichever mode: checked before anything is contacted.
            ProbeOptions Options(string hostName, int hostPort, string defaultMailDomain)
            {
                var options = new ProbeOptions
                {
                    Host = hostName,
                    Port = hostPort,
                    SubmissionPort = parse.GetValue(submission) is { } s ? CheckPort(s, "--submission-port") : null,
                    Domain = parse.GetValue(mailDomain) ?? defaultMailDomain,
                    User = parse.GetValue(user) ?? "postmaster",
                    Delay = Seconds(parse.GetValue(delay), 1, "--delay", ProbeOptions.DelayRange),
                    GreetingTimeout = Seconds(parse.GetValue(greeting), 30, "--greeting-timeout", WireOptions.StepTimeoutRange),
                    StepTimeout = Seconds(parse.GetValue(timeout), 30, "--timeout", WireOptions.StepTimeoutRange),
                    ConfirmTo = CheckAddress(parse.GetValue(confirmTo)),
                    SenderAuth = parse.GetValue(senderAuth),
                    Pop3 = parse.GetValue(pop3) is { } text ? HostPort(text, "--pop3") is var (h, pp) ? new RoleEndpoint(h, pp ?? 110, false) : null : null,
                    Pop3User = parse.GetValue(pop3User),
                    Pop3Password = parse.GetValue(pop3Password),
                };
                if (options.Pop3 is not null && (options.ConfirmTo is null || options.Pop3User is null))
                {
                    throw new UsageException("--pop3 needs --confirm-to (the address whose mail lands there) and --pop3-user");
                }

                return options;
            }

            if (parse.GetValue(domain) is { } probedDomain)
            {
                if (parse.GetValue(address) is not null)
                {
                    throw new UsageException("give either HOST[:PORT] or --domain DOMAIN, not both");
                }

                var template = Options(probedDomain, smtpPort ?? 25, probedDomain);
                return await ProbeDomain.RunAsync(host, catalogSource, parse, probedDomain, parse.GetValue(resolver), template, parse.GetValue(json), parse.GetValue(verbose), cancellationToken).ConfigureAwait(false);
            }

            if (parse.GetValue(resolver) is not null)
            {
                throw new UsageException("--resolver is for --domain DOMAIN (the MX lookup); a single HOST is not looked up through it");
            }

            var (hostName, hostPort) = HostPort(parse.GetValue(address) ?? throw new UsageException("probe needs HOST[:PORT], or --domain DOMAIN to probe a domain's mail exchangers"), "HOST[:PORT]");
            if (hostPort is not null && smtpPort is not null && hostPort != smtpPort)
            {
                throw new UsageException($"the port is given twice, differently: HOST:{hostPort} and --port {smtpPort}");
            }

            var single = Options(hostName, hostPort ?? smtpPort ?? 25, DefaultDomain(hostName));
            var catalog = catalogSource.Load(parse);
            var scenarios = Probe.Select(catalog.Scenarios, single.SenderAuth);
            host.Error.MarkupLine($"[grey]probing {Markup.Escape($"{hostName}:{single.Port}")}: {scenarios.Count} scenario(s), one at a time, {single.Delay.TotalSeconds:0.##}s between commands; {(single.ConfirmTo is null ? "no DATA will be sent" : $"DATA only to {Markup.Escape(single.ConfirmTo)}")}[/]");
            var report = await Probe.RunAsync(single, scenarios, progress: e => host.Error.MarkupLine($"[grey]{Markup.Escape(e.Result.Verdict.ToString())}  {Markup.Escape(e.Scenario.Id)}[/]"), cancellationToken: cancellationToken).ConfigureAwait(false);
            Write(host.Out, report, parse.GetValue(verbose));
            var run = new RunReport
            {
                Generated = DateTimeOffset.UtcNow,
                Targets = [ReportTarget.From(Probe.Target(single).Profile)],
                Entries = report.Entries,
                LoadErrors = catalog.Errors,
            };
            await WriteJsonAsync(host, run, parse.GetValue(json), cancellationToken).ConfigureAwait(false);
            return report.Entries.Any(e => e.Result.Verdict is Running.Verdict.Fail or Running.Verdict.Error) ? ExitCodes.Failures : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Writes the probe's JSON report when <c>--json FILE</c> was given.</summary>
    internal static async Task WriteJsonAsync(CliHost host, RunReport run, string? path, CancellationToken cancellationToken)
    {
        if (path is null)
        {
            return;
        }

        await JsonReport.WriteAsync(run, path, cancellationToken).ConfigureAwait(false);
        host.Error.MarkupLine($"[grey]JSON report: {Markup.Escape(path)}[/]");
    }

    internal static void Write(IAnsiConsole console, ProbeReport report, bool verbose)
    {
        console.WriteLine();
        console.Write(ResultTable.Build(report.Entries));
        foreach (var entry in report.Entries.Where(e => ResultDetails.Shows(e.Result, verbose)))
        {
            ResultDetails.Write(console, entry, verbose);
        }

        console.WriteLine();
        console.MarkupLine($"[bold]relay:[/] {Markup.Escape(report.Relay.ToString())}");
        console.MarkupLine($"[bold]scope:[/] {Markup.Escape(report.Scope)}");
    }

    /// <summary>HOST, HOST:PORT, [IPv6] or [IPv6]:PORT; the port is null when not given.</summary>
    private static (string Host, int? Port) HostPort(string text, string what)
    {
        var colon = text.LastIndexOf(':');
        if (colon < 0 || text.StartsWith('[') && !text[..colon].EndsWith(']'))
        {
            return (text.Trim('[', ']'), null);
        }

        if (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535 || colon == 0)
        {
            throw new UsageException($"{what} '{text}' needs HOST or HOST:PORT with a port from 1 to 65535");
        }

        return (text[..colon].Trim('[', ']'), port);
    }

    private static int CheckPort(int port, string name) =>
        port is >= 1 and <= 65535 ? port : throw new UsageException($"{name} must be a port from 1 to 65535 (got {port.ToString(CultureInfo.InvariantCulture)})");

    private static string DefaultDomain(string hostName)
    {
        var dot = hostName.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && !System.Net.IPAddress.TryParse(hostName, out _) && hostName.IndexOf('.', dot + 1) > 0 ? hostName[(dot + 1)..] : hostName;
    }

    private static TimeSpan Seconds(double? value, double fallback, string flag, DurationRange range)
    {
        var seconds = value ?? fallback;
        return SecondsOption.Problem(seconds, range, flag) is { } problem ? throw new UsageException(problem) : TimeSpan.FromSeconds(seconds);
    }

    private static string? CheckAddress(string? address)
    {
        if (address is null)
        {
            return null;
        }

        var at = address.LastIndexOf('@');
        return at > 0 && at < address.Length - 1 && !address.Contains(' ', StringComparison.Ordinal)
            ? address
            : throw new UsageException($"--confirm-to '{address}' is not an address (local@domain)");
    }
}
