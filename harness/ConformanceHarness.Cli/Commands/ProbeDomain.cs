using System.CommandLine;
using ConformanceHarness.Dns;
using ConformanceHarness.Probing;
using ConformanceHarness.Reporting;
using ConformanceHarness.Running;
using Spectre.Console;

namespace ConformanceHarness.Cli.Commands;

/// <summary>
/// <c>probe --mx DOMAIN</c>: where the domain's mail really goes (MX records in preference order, RFC 5321 §5.1; null MX,
/// RFC 7505), the polite probe of each exchanger address, and the domain's SPF / DMARC / MTA-STS records.
/// Contacts only the exchangers found, and says which.
/// </summary>
internal static class ProbeDomain
{
    public static async Task<int> RunAsync(
        CliHost host, CatalogSource catalogSource, ParseResult parse, string domain, string? resolverText, string? hostArgument,
        Func<ProbeOptions, ProbeOptions> configure, CancellationToken cancellationToken)
    {
        if (hostArgument is not null)
        {
            throw new UsageException("give either HOST[:PORT] or --mx DOMAIN, not both");
        }

        if (!DnsSettings.TryParseResolver(resolverText, out var resolver, out var error))
        {
            throw new UsageException($"--resolver: {error}");
        }

        var settings = resolver is null ? DnsSettings.System : DnsSettings.At(resolver.Address, resolver.Port);
        var catalog = catalogSource.Load(parse);
        var scenarios = Probe.Select(catalog.Scenarios);
        var hosts = new List<(Exchanger Exchanger, System.Net.IPAddress Address, ProbeReport Report)>();
        host.Error.MarkupLine($"[grey]looking up the mail exchangers of {Markup.Escape(domain)} ({Markup.Escape(settings.Describe())})[/]");
        var result = await DomainProbe.ProbeAsync(
            domain,
            settings,
            async (exchanger, address) =>
            {
                host.Error.MarkupLine($"[grey]probing {Markup.Escape(exchanger.Host)} (preference {exchanger.Preference}) at {Markup.Escape(address.ToString())}[/]");
                var options = configure(new ProbeOptions { Host = address.ToString(), Port = 25, Domain = domain });
                var report = await Probe.RunAsync(options, scenarios, cancellationToken: cancellationToken).ConfigureAwait(false);
                hosts.Add((exchanger, address, report));
                return report.Entries.Select(e => e.Result).ToList();
            },
            cancellationToken).ConfigureAwait(false);

        var verbose = parse.GetValue<bool>("--verbose");
        foreach (var (exchanger, address, report) in hosts)
        {
            host.Out.WriteLine();
            host.Out.Write(new Rule($"{Markup.Escape(exchanger.Host)} (preference {exchanger.Preference}) {Markup.Escape(address.ToString())}").LeftJustified());
            ProbeCommand.Write(host.Out, report, verbose);
        }

        var domainEntries = result.DomainChecks.Select(DnsChecks.Entry).ToList();
        host.Out.WriteLine();
        host.Out.Write(new Rule($"domain {Markup.Escape(domain)}: MX, SPF, DMARC, MTA-STS").LeftJustified());
        host.Out.Write(Rendering.ResultTable.Build(domainEntries));
        host.Out.MarkupLine($"[bold]scope:[/] {Markup.Escape(result.Note)}");
        return result.AllResults.Any(r => r.Verdict is Verdict.Fail or Verdict.Error) ? ExitCodes.Failures : ExitCodes.Success;
    }
}
