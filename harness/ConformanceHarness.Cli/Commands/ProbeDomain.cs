using System.CommandLine;
using System.Net;
using ConformanceHarness.Cli.Rendering;
using ConformanceHarness.Dns;
using ConformanceHarness.Probing;
using ConformanceHarness.Reporting;
using ConformanceHarness.Running;
using Spectre.Console;

namespace ConformanceHarness.Cli.Commands;

/// <summary>
/// <c>probe --domain DOMAIN</c>: where the domain's mail really goes (MX records in preference order, RFC 5321 §5.1; null MX,
/// RFC 7505), the polite probe of each exchanger address (on <c>--port</c>, 25 by default), and the domain's SPF / DMARC /
/// MTA-STS records. Contacts only the exchangers found, and says which.
/// </summary>
internal static class ProbeDomain
{
    /// <param name="template">The probe options every exchanger address gets (its Host is replaced by the address).</param>
    public static async Task<int> RunAsync(
        CliHost host, CatalogSource catalogSource, ParseResult parse, string domain, string? resolverText, ProbeOptions template,
        string? jsonPath, bool verbose, CancellationToken cancellationToken)
    {
        DnsSettings settings = DnsSettings.System;
        if (resolverText is not null)
        {
            if (!DnsSettings.TryParseResolver(resolverText, out var resolver, out var error))
            {
                throw new UsageException($"--resolver: {error}");
            }

            settings = DnsSettings.At(resolver!.Address, resolver.Port);
        }

        var catalog = catalogSource.Load(parse);
        var scenarios = Probe.Select(catalog.Scenarios, template.SenderAuth);
        var probed = new Dictionary<IPAddress, (ProbeOptions Options, ProbeReport Report)>();
        host.Error.MarkupLine($"[grey]looking up the mail exchangers of {Markup.Escape(domain)} ({Markup.Escape(settings.Describe())})[/]");
        var result = await DomainProbe.ProbeAsync(
            domain,
            settings,
            async (exchanger, address) =>
            {
                var options = template with { Host = address.ToString() };
                host.Error.MarkupLine($"[grey]probing {Markup.Escape(exchanger.ToString())} at {Markup.Escape(Endpoint(options))}: {scenarios.Count} scenario(s)[/]");
                var report = await Probe.RunAsync(options, scenarios, cancellationToken: cancellationToken).ConfigureAwait(false);
                probed[address] = (options, report);
                return report.Entries.Select(e => e.Result).ToList();
            },
            cancellationToken).ConfigureAwait(false);

        // Every address in probe order; one whose probe could not run carries its Error result instead of a report.
        var targets = new List<ReportTarget>();
        var entries = new List<ReportEntry>();
        foreach (var hostResult in result.Hosts)
        {
            var (exchanger, address) = (hostResult.Exchanger, hostResult.Address);
            var heading = $"{exchanger} {Endpoint(template with { Host = address.ToString() })}";
            host.Out.WriteLine();
            host.Out.Write(new Rule(Markup.Escape(heading)).LeftJustified());
            var reportExchanger = new ReportExchanger(exchanger.Host, exchanger.Preference, exchanger.IsImplicit, address.ToString());
            if (probed.TryGetValue(address, out var done))
            {
                ProbeCommand.Write(host.Out, done.Report, verbose);
                targets.Add(ReportTarget.From(Probe.Target(done.Options).Profile) with { Title = heading, Exchanger = reportExchanger });
                entries.AddRange(done.Report.Entries);
            }
            else
            {
                var failed = hostResult.Results.Select(DnsChecks.Entry).ToList();
                host.Out.Write(ResultTable.Build(failed));
                targets.Add(new ReportTarget { Name = failed[0].Result.Target, Title = heading, Kind = "live", Protocols = ["smtp"], Exchanger = reportExchanger });
                entries.AddRange(failed);
            }
        }

        var domainEntries = result.DomainChecks.Select(DnsChecks.Entry).ToList();
        host.Out.WriteLine();
        host.Out.Write(new Rule($"domain {Markup.Escape(domain)}: MX, SPF, DMARC, MTA-STS").LeftJustified());
        host.Out.Write(ResultTable.Build(domainEntries));
        foreach (var entry in domainEntries.Where(e => ResultDetails.Shows(e.Result, verbose)))
        {
            ResultDetails.Write(host.Out, entry, verbose);
        }

        host.Out.MarkupLine($"[bold]scope:[/] {Markup.Escape(result.Note)}");

        var run = new RunReport
        {
            Generated = DateTimeOffset.UtcNow,
            Targets =
            [
                new ReportTarget { Name = result.Domain, Title = $"mail domain {result.Domain} (resolver: {settings.Describe()})", Kind = "live", Protocols = ["dns"] },
                .. targets,
            ],
            Entries = [.. domainEntries, .. entries],
            LoadErrors = catalog.Errors,
        };
        await ProbeCommand.WriteJsonAsync(host, run, jsonPath, cancellationToken).ConfigureAwait(false);
        return result.AllResults.Any(r => r.Verdict is Verdict.Fail or Verdict.Error) ? ExitCodes.Failures : ExitCodes.Success;
    }

    private static string Endpoint(ProbeOptions options) =>
        options.Host.Contains(':', StringComparison.Ordinal) ? $"[{options.Host}]:{options.Port}" : $"{options.Host}:{options.Port}";
}
