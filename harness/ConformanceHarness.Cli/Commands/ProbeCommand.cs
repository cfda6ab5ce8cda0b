using System.CommandLine;
using System.Globalization;
using ConformanceHarness.Cli.Rendering;
using ConformanceHarness.Probing;
using ConformanceHarness.Reporting;
using ConformanceHarness.Targets;
using Spectre.Console;

namespace ConformanceHarness.Cli.Commands;

/// <summary>
/// <c>probe HOST[:PORT]</c>: the polite audit of a live server — relay forms, enumeration, STARTTLS and auth-gap checks, one
/// at a time, with a delay, never sending DATA unless <c>--confirm-to</c> names a recipient the user controls.
/// </summary>
internal static class ProbeCommand
{
    public static readonly string[] Examples =
    [
        "conformance-harness probe mx.example.net",
        "conformance-harness probe 127.0.0.1:2525 --domain example.test --user alice --delay 0.2",
        "conformance-harness probe --mx example.net --resolver 127.0.0.1:5353",
        "conformance-harness probe mx.example.net --confirm-to me@mine.example.org --pop3 pop.mine.example.org:110 --pop3-user me --pop3-password secret",
    ];

    public static Command Create(CliHost host, CatalogSource catalogSource)
    {
        var address = new Argument<string?>("HOST[:PORT]") { Description = "The one server to probe (port 25 unless given); nothing else is contacted", Arity = ArgumentArity.ZeroOrOne };
        var mx = new Option<string?>("--mx") { Description = "Probe the mail exchangers of DOMAIN instead of one host: MX lookup (preference order, implicit MX, null MX), each exchanger probed, and the domain's SPF, DMARC and MTA-STS records checked", HelpName = "DOMAIN" };
        var resolver = new Option<string?>("--resolver") { Description = "The DNS server for --mx (IP[:PORT]) [default: the system's resolvers]", HelpName = "IP:PORT" };
        var domain = new Option<string?>("--domain") { Description = "The server's mail domain, for the enumeration checks [default: HOST without its first label]", HelpName = "DOMAIN" };
        var user = new Option<string?>("--user") { Description = "A user known to exist there [default: postmaster, which must exist (RFC 5321 §4.5.1)]", HelpName = "NAME" };
        var delay = new Option<double?>("--delay") { Description = "Seconds to wait before every command write, connection and scenario [default: 1]", HelpName = "SECONDS" };
        var greeting = new Option<double?>("--greeting-timeout") { Description = "Seconds a greeting may take (greet_pause, tarpits) [default: 30]", HelpName = "SECONDS" };
        var timeout = new Option<double?>("--timeout") { Description = "Seconds one reply may take [default: 30]", HelpName = "SECONDS" };
        var submission = new Option<int?>("--submission-port") { Description = "Also probe this submission port (authenticated relay, auth-gap checks)", HelpName = "PORT" };
        var confirmTo = new Option<string?>("--confirm-to") { Description = "A recipient YOU control: relay forms address it, and only then is DATA sent (never to anyone else)", HelpName = "ADDRESS" };
        var pop3 = new Option<string?>("--pop3") { Description = "Your POP3 server (HOST:PORT) where --confirm-to mail lands: checked for relayed messages", HelpName = "HOST:PORT" };
        var pop3User = new Option<string?>("--pop3-user") { Description = "Your POP3 user name", HelpName = "NAME" };
        var pop3Password = new Option<string?>("--pop3-password") { Description = "Your POP3 password", HelpName = "PASSWORD" };
        var json = new Option<string?>("--json") { Description = "Write the JSON report (schema conformance-harness/report/v1) to FILE", HelpName = "FILE" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Show the details and transcript of every result" };
        var command = new Command("probe", "Politely probe a live server for open relay, user enumeration, STARTTLS and auth gaps; no DATA unless --confirm-to")
        {
            address, mx, resolver, domain, user, delay, greeting, timeout, submission, confirmTo, pop3, pop3User, pop3Password, json, verbose,
        };
        command.SetGuardedAction(host, async (parse, cancellationToken) =>
        {
            if (parse.GetValue(mx) is { } mailDomain)
            {
                return await ProbeDomain.RunAsync(host, catalogSource, parse, mailDomain, parse.GetValue(resolver), parse.GetValue(address), options => options with
                {
                    User = parse.GetValue(user) ?? "postmaster",
                    Delay = Seconds(parse.GetValue(delay), 1, "--delay", allowZero: true),
                    GreetingTimeout = Seconds(parse.GetValue(greeting), 30, "--greeting-timeout"),
                    StepTimeout = Seconds(parse.GetValue(timeout), 30, "--timeout"),
                }, cancellationToken).ConfigureAwait(false);
            }

            var (hostName, port) = HostPort(parse.GetValue(address) ?? throw new UsageException("probe needs HOST[:PORT], or --mx DOMAIN to probe a domain's mail exchangers"), 25, "HOST[:PORT]");
            var options = new ProbeOptions
            {
                Host = hostName,
                Port = port,
                SubmissionPort = parse.GetValue(submission),
                Domain = parse.GetValue(domain) ?? DefaultDomain(hostName),
                User = parse.GetValue(user) ?? "postmaster",
                Delay = Seconds(parse.GetValue(delay), 1, "--delay", allowZero: true),
                GreetingTimeout = Seconds(parse.GetValue(greeting), 30, "--greeting-timeout"),
                StepTimeout = Seconds(parse.GetValue(timeout), 30, "--timeout"),
                ConfirmTo = CheckAddress(parse.GetValue(confirmTo)),
                Pop3 = parse.GetValue(pop3) is { } p ? HostPort(p, 110, "--pop3") is var (h, pp) ? new RoleEndpoint(h, pp, false) : null : null,
                Pop3User = parse.GetValue(pop3User),
                Pop3Password = parse.GetValue(pop3Password),
            };
            if (options.Pop3 is not null && (options.ConfirmTo is null || options.Pop3User is null))
            {
                throw new UsageException("--pop3 needs --confirm-to (the address whose mail lands there) and --pop3-user");
            }

            var catalog = catalogSource.Load(parse);
            var scenarios = Probe.Select(catalog.Scenarios);
            host.Error.MarkupLine($"[grey]probing {Markup.Escape($"{hostName}:{port}")}: {scenarios.Count} scenario(s), one at a time, {options.Delay.TotalSeconds:0.##}s between commands; {(options.ConfirmTo is null ? "no DATA will be sent" : $"DATA only to {Markup.Escape(options.ConfirmTo)}")}[/]");
            var report = await Probe.RunAsync(options, scenarios, progress: e => host.Error.MarkupLine($"[grey]{Markup.Escape(e.Result.Verdict.ToString())}  {Markup.Escape(e.Scenario.Id)}[/]"), cancellationToken: cancellationToken).ConfigureAwait(false);
            Write(host.Out, report, parse.GetValue(verbose));
            if (parse.GetValue(json) is { } path)
            {
                var run = new RunReport
                {
                    Generated = DateTimeOffset.UtcNow,
                    Targets = [ReportTarget.From(Probe.Target(options).Profile)],
                    Entries = report.Entries,
                    LoadErrors = catalog.Errors,
                };
                await JsonReport.WriteAsync(run, path, cancellationToken).ConfigureAwait(false);
                host.Error.MarkupLine($"[grey]JSON report: {Markup.Escape(path)}[/]");
            }

            return report.Entries.Any(e => e.Result.Verdict is Running.Verdict.Fail or Running.Verdict.Error) ? ExitCodes.Failures : ExitCodes.Success;
        });
        return command;
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

    private static (string Host, int Port) HostPort(string text, int defaultPort, string what)
    {
        var colon = text.LastIndexOf(':');
        if (colon < 0 || text.StartsWith('[') && !text[..colon].EndsWith(']'))
        {
            return (text.Trim('[', ']'), defaultPort);
        }

        if (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535 || colon == 0)
        {
            throw new UsageException($"{what} '{text}' needs HOST or HOST:PORT with a port from 1 to 65535");
        }

        return (text[..colon].Trim('[', ']'), port);
    }

    private static string DefaultDomain(string hostName)
    {
        var dot = hostName.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && !System.Net.IPAddress.TryParse(hostName, out _) && hostName.IndexOf('.', dot + 1) > 0 ? hostName[(dot + 1)..] : hostName;
    }

    private static TimeSpan Seconds(double? value, double fallback, string name, bool allowZero = false)
    {
        var seconds = value ?? fallback;
        if (seconds < 0 || (!allowZero && seconds == 0) || seconds > 3600)
        {
            throw new UsageException($"{name} must be {(allowZero ? "0" : "more than 0")} to 3600 seconds (got {seconds.ToString(CultureInfo.InvariantCulture)})");
        }

        return TimeSpan.FromSeconds(seconds);
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
