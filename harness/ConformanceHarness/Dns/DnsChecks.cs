using ConformanceHarness.Reporting;
using ConformanceHarness.Running;
using ConformanceHarness.Scenarios;

namespace ConformanceHarness.Dns;

/// <summary>
/// The catalog of DNS checks: the stable id, title, rule and level of every finding the DNS code reports. Their results
/// are ordinary <see cref="ScenarioResult"/>s (ScenarioId = one of these ids, Target = the domain); <see cref="Entry"/>
/// pairs one with its description so it goes into the same reports as the dialogue scenarios.
/// </summary>
public static class DnsChecks
{
    public const string Exchangers = "dns/rfc5321/5.1/exchangers";
    public const string ExchangerAddresses = "dns/rfc5321/5.1/exchanger-addresses";
    public const string NullMxAlone = "dns/rfc7505/3/null-mx-alone";
    public const string HostProbe = "dns/rfc5321/5.1/host-probe";
    public const string SpfPresent = "dns/rfc7208/4.5/record-present";
    public const string SpfSingleRecord = "dns/rfc7208/4.5/single-record";
    public const string SpfSyntax = "dns/rfc7208/4.6/syntax";
    public const string SpfAllQualifier = "dns/rfc7208/5.1/all-qualifier";
    public const string SpfLookupLimit = "dns/rfc7208/4.6.4/lookup-limit";
    public const string SpfVoidLookups = "dns/rfc7208/4.6.4/void-lookups";
    public const string SpfIncludeTargets = "dns/rfc7208/5.2/include-target";
    public const string SpfPtr = "dns/rfc7208/5.5/ptr";
    public const string DmarcPresent = "dns/rfc7489/6.6.3/record-present";
    public const string DmarcSingleRecord = "dns/rfc7489/6.6.3/single-record";
    public const string DmarcSyntax = "dns/rfc7489/6.4/syntax";
    public const string DmarcPolicy = "dns/rfc7489/6.3/policy";
    public const string DmarcReportUris = "dns/rfc7489/6.2/report-uris";
    public const string DmarcExternalDestinations = "dns/rfc7489/7.1/external-destinations";
    public const string MtaStsSingleRecord = "dns/rfc8461/3.1/single-record";
    public const string MtaStsSyntax = "dns/rfc8461/3.1/syntax";

    private static readonly IReadOnlyList<Scenario> Catalog =
    [
        Define(Exchangers, "The domain's mail exchangers resolve (MX, implicit MX or null MX)", "RFC 5321 §5.1", Level.Must, ["mx"],
            "MX {{domain}}; A/AAAA {{domain}} when there is no MX",
            "If a non-existent domain error is returned, this situation MUST be reported as an error. If a temporary error is returned, the message MUST be queued and retried later … If an empty list of MXs is returned, the address is treated as if it was associated with an implicit MX RR, with a preference of 0, pointing to that host.",
            "Pass: MX records found. Info: implicit MX, or a null MX (the domain accepts no mail). Error: the domain does not exist or has no host at all (nothing to probe), or the resolver did not answer. Inconclusive: SERVFAIL/REFUSED."),
        Define(ExchangerAddresses, "Every exchanger has an address", "RFC 5321 §5.1", Level.Must, ["mx"],
            "A/AAAA of every exchanger",
            "If MX records are present, but none of them are usable, or the implicit MX is unusable, this situation MUST be reported as an error.",
            "An MX naming a host without A/AAAA records is a dead end for every sender."),
        Define(NullMxAlone, "A null MX is the domain's only MX", "RFC 7505 §3", Level.Must, ["mx", "null-mx"],
            "MX {{domain}}",
            "A domain that advertises a null MX MUST NOT advertise any other MX RR.",
            "Skip when the domain publishes no null MX."),
        Define(HostProbe, "The per-host probe of an exchanger ran", "RFC 5321 §5.1", Level.Info, ["mx", "probe"],
            "the probe of one exchanger address",
            null,
            "Error when the harness could not run the probe of one exchanger address (the probe threw)."),
        Define(SpfPresent, "An SPF record is published", "RFC 7208 §4.5", Level.Should, ["spf"],
            "TXT {{domain}}: records beginning with v=spf1",
            "Records that do not begin with a version section of exactly \"v=spf1\" are discarded.",
            "Without one, receivers get SPF result \"none\" and anyone may use the domain as envelope sender."),
        Define(SpfSingleRecord, "Exactly one SPF record", "RFC 7208 §4.5", Level.Must, ["spf"],
            "TXT {{domain}}: records beginning with v=spf1",
            "If the resultant record set includes more than one record, check_host() produces the \"permerror\" result.",
            null),
        Define(SpfSyntax, "The SPF record's mechanisms and modifiers are well formed", "RFC 7208 §4.6", Level.Must, ["spf"],
            "the v=spf1 record, term by term",
            "If there are any syntax errors anywhere in the record, check_host() returns immediately with the result \"permerror\", without further interpretation or evaluation.",
            "Checked against the ABNF of §4.6.1, §5 and §6 (mechanism names, qualifiers, domain-specs and macros, CIDR lengths, redirect/exp at most once)."),
        Define(SpfAllQualifier, "The SPF policy ends in -all or ~all", "RFC 7208 §5.1", Level.Security, ["spf"],
            "the all mechanism of the record (or of its redirect= target)",
            "Mechanisms after \"all\" will never be tested. (§5.1) — If none of the mechanisms match and there is no \"redirect\" modifier, then the check_host() returns a result of \"neutral\", just as if \"?all\" were specified as the last directive. (§4.7)",
            "+all (or a bare all) authorizes every host on the Internet: a security finding. ?all or no all gives receivers nothing to act on: Warn."),
        Define(SpfLookupLimit, "At most 10 DNS-querying terms", "RFC 7208 §4.6.4", Level.Must, ["spf"],
            "include:, a, mx, ptr, exists and redirect=, counted through every include:/redirect= record",
            "SPF implementations MUST limit the total number of those terms to 10 during SPF evaluation, to avoid unreasonable load on the DNS. If this limit is exceeded, the implementation MUST return \"permerror\".",
            "Includes are resolved and counted recursively; an include loop exceeds any limit."),
        Define(SpfVoidLookups, "At most 2 void lookups", "RFC 7208 §4.6.4", Level.Should, ["spf"],
            "the names the record's terms query: NODATA or NXDOMAIN answers",
            "SPF implementations SHOULD limit \"void lookups\" to two. An implementation MAY choose to make such a limit configurable.",
            "a and exists names are asked for A and AAAA, mx names for MX; terms with macros depend on the message and are not asked."),
        Define(SpfIncludeTargets, "Every include: and redirect= target has an SPF record", "RFC 7208 §5.2", Level.Must, ["spf"],
            "TXT of every include: and redirect= target",
            "The \"include\" mechanism triggers a recursive evaluation of check_host().",
            "§5.2's table: a recursive result of \"none\" (the target has no SPF record) makes the include \"permerror\"; §6.1 says the same of redirect=. Skip when the record has neither."),
        Define(SpfPtr, "The ptr mechanism is not used", "RFC 7208 §5.5", Level.Should, ["spf"],
            "the mechanisms of the v=spf1 record and its includes",
            "This mechanism SHOULD NOT be published.",
            "ptr is slow, unreliable and puts load on the .arpa servers."),
        Define(DmarcPresent, "A DMARC record is published at _dmarc", "RFC 7489 §6.6.3", Level.Should, ["dmarc"],
            "TXT _dmarc.{{domain}}: records beginning with v=DMARC1",
            "Records that do not start with a \"v=\" tag that identifies the current version of DMARC are discarded.",
            "Without one, receivers apply no DMARC policy to mail with the domain in From: (the organizational-domain fallback is not looked at: it needs the Public Suffix List)."),
        Define(DmarcSingleRecord, "Exactly one DMARC record", "RFC 7489 §6.6.3", Level.Must, ["dmarc"],
            "TXT _dmarc.{{domain}}",
            "If the remaining set contains multiple records or no records, policy discovery terminates and DMARC processing is not applied to this message.",
            null),
        Define(DmarcSyntax, "The DMARC record is a well-formed tag list starting with v=DMARC1", "RFC 7489 §6.4", Level.Must, ["dmarc"],
            "the v=DMARC1 record, tag by tag",
            "v: Version (plain-text; REQUIRED). Identifies the record retrieved as a DMARC record. It MUST have the value of \"DMARC1\". The value of this tag MUST match precisely; if it does not or it is absent, the entire retrieved record MUST be ignored. It MUST be the first tag in the list.",
            "Values of sp, adkim, aspf, pct, fo, rf and ri are checked; duplicate tags invalidate the list (RFC 6376 §3.2); unknown tags are ignored, as §6.3 says, and only noted."),
        Define(DmarcPolicy, "The DMARC policy p= is present and enforcing", "RFC 7489 §6.3", Level.Must, ["dmarc"],
            "the p= tag of the DMARC record",
            "p: Requested Mail Receiver policy (plain-text; REQUIRED for policy records). Indicates the policy to be enacted by the Receiver at the request of the Domain Owner.",
            "p missing or not one of none/quarantine/reject: Fail. p=none asks receivers to do nothing (monitoring only): Warn."),
        Define(DmarcReportUris, "rua/ruf are comma-separated DMARC URIs", "RFC 7489 §6.2", Level.Must, ["dmarc"],
            "the rua= and ruf= tags of the DMARC record",
            "dmarc-uri = URI [ \"!\" 1*DIGIT [ \"k\" / \"m\" / \"g\" / \"t\" ] ] (§6.4) — A Mail Receiver MUST implement support for a \"mailto:\" URI. (§6.2)",
            "A URI that is not absolute, or a mailto: without an address: Fail. A scheme other than mailto: Warn. No rua: Info (no aggregate reports)."),
        Define(DmarcExternalDestinations, "External report destinations agree to receive reports", "RFC 7489 §7.1", Level.Should, ["dmarc"],
            "TXT {{domain}}._report._dmarc.DESTINATION for each report address outside the domain",
            null,
            "A report address in another organizational domain is used only when that domain publishes a v=DMARC1 record at DOMAIN._report._dmarc.DESTINATION. Without the Public Suffix List, a destination counts as external unless it is the domain or below it, or the domain is below it. Skip when there is none."),
        Define(MtaStsSingleRecord, "At most one MTA-STS TXT record", "RFC 8461 §3.1", Level.Must, ["mta-sts"],
            "TXT _mta-sts.{{domain}}: records beginning with v=STSv1",
            "If the number of resulting records is not one, or if the resulting record is syntactically invalid, senders MUST assume the recipient domain does not have an available MTA-STS Policy.",
            "MTA-STS is optional: no record is Info. The policy file (https://mta-sts.DOMAIN/.well-known/mta-sts.txt) is not fetched."),
        Define(MtaStsSyntax, "The MTA-STS record is v=STSv1; id=…", "RFC 8461 §3.1", Level.Must, ["mta-sts"],
            "the v=STSv1 record, field by field",
            "sts-id = %s\"id=\" 1*32(ALPHA / DIGIT)",
            "Skip when there is no (single) record."),
    ];

    private static readonly Dictionary<string, Scenario> ById = Catalog.ToDictionary(s => s.Id, StringComparer.Ordinal);

    /// <summary>Every DNS check, in report order.</summary>
    public static IReadOnlyList<Scenario> All => Catalog;

    /// <summary>The description of one check id (rule, level, title), or null for an id that is not a DNS check.</summary>
    public static Scenario? Describe(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return ById.GetValueOrDefault(id);
    }

    /// <summary>A report cell for a DNS result. Throws for a result whose id is not a DNS check.</summary>
    public static ReportEntry Entry(ScenarioResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var scenario = Describe(result.ScenarioId) ?? throw new ArgumentException($"'{result.ScenarioId}' is not a DNS check id", nameof(result));
        return new ReportEntry(scenario, result);
    }

    private static Scenario Define(string id, string title, string rule, Level level, string[] tags, string queries, string? quote, string? why) => new()
    {
        Id = id,
        File = "(built in: ConformanceHarness.Dns)",
        Title = title,
        Rule = rule,
        Level = level,
        Protocol = "dns",
        Role = "dns",
        Tags = ["dns", .. tags],
        Quote = quote,
        Why = why,
        Steps = [],
        Dialogue = $"DNS: {queries}",
    };
}
