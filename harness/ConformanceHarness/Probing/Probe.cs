using ConformanceHarness.Delivery;
using ConformanceHarness.Reporting;
using ConformanceHarness.Running;
using ConformanceHarness.Scenarios;
using ConformanceHarness.Targets;

namespace ConformanceHarness.Probing;

/// <summary>
/// The polite probe of a live server: the relay, enumeration, STARTTLS and auth-gap scenarios, one at a time, through the
/// runner's polite mode (<see cref="PoliteMode"/>) — so no DATA reaches the server unless the user named a recipient of
/// their own — against a target whose only endpoints are the host and ports the user named.
/// </summary>
public static class Probe
{
    /// <summary>
    /// The sender-authentication scenarios a live server can be asked (<c>--sender-auth</c>): their forged domain is a
    /// variable the probe sets to the server's own mail domain, and they are decided at SMTP time. The others need the
    /// test DNS zone's domains and keys, which only the bundled targets resolve.
    /// </summary>
    public static IReadOnlySet<string> LiveSenderAuth { get; } = new HashSet<string>(StringComparer.Ordinal) { "smtp/senderauth/spf/fail" };

    /// <summary>
    /// The scenarios a probe runs: relay forms and the authenticated-relay check, enumeration, and STARTTLS / auth-gap
    /// checks by tag; with <paramref name="senderAuth"/> also <see cref="LiveSenderAuth"/>. Nothing tagged sender-auth
    /// otherwise: a forged sender is never given unless asked for.
    /// </summary>
    public static IReadOnlyList<Scenario> Select(IEnumerable<Scenario> catalog, bool senderAuth = false)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.Where(s => s.Protocol == "smtp"
                && (s.Tags.Contains(SenderAuthTag)
                    ? senderAuth && LiveSenderAuth.Contains(s.Id)
                    : s.Id.StartsWith(RelaySummary.Prefix, StringComparison.Ordinal)
                        || s.Id.StartsWith("smtp/enumeration/", StringComparison.Ordinal)
                        || s.Tags.Any(t => t is "starttls" or "auth" or "auth-gap"))
                && !NeedsAnAccount(s))
            .ToList();
    }

    /// <summary>The tag of the sender-authentication scenarios (scenarios/smtp/senderauth/).</summary>
    public const string SenderAuthTag = "sender-auth";

    /// <summary>
    /// A scenario that must log in (it expects 235 to its AUTH) needs the server's real credentials, which a probe of
    /// someone's server does not have: it would fail on every correct server. Those are left out; scenarios that only
    /// check that AUTH is refused (in clear, wrong password, inside a transaction) stay.
    /// </summary>
    public static bool NeedsAnAccount(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return scenario.Steps.OfType<ExpectStep>().Any(e => e.Expectation.Preferred.Any(p => p.ToString() == "235"));
    }

    /// <summary>The live target the probe may talk to: the named host's smtp port (and submission port if named), nothing else.</summary>
    public static RunningTarget Target(ProbeOptions options, IDeliveryOracle? confirmOracle = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var roles = new Dictionary<string, RoleEndpoint> { ["smtp"] = new(options.Host, options.Port, false) };
        if (options.SubmissionPort is { } submission)
        {
            roles["submission"] = new(options.Host, submission, false);
        }

        var profile = new TargetProfile
        {
            Name = $"live:{options.Host}:{options.Port}",
            Kind = "live",
            Host = options.Host,
            Ports = roles.ToDictionary(r => r.Key, r => r.Value.Port),
            Identity = new TestIdentity
            {
                Domain = options.Domain,
                // {{hostname}} is a sender domain in relay forms: an address literal is no host name, so use the domain then.
                Hostname = System.Net.IPAddress.TryParse(options.Host, out _) ? options.Domain : options.Host,
                User = options.User,
                ClientName = options.ClientName,
                ForeignDomain = Split(options.ConfirmTo).Domain ?? "relay-target.example.net",
            },

            // --sender-auth: the forged domain's own published records (SPF of --mail-domain) stand in for the test zone.
            Features = options.SenderAuth ? [TargetProfileLoader.TestDnsFeature] : [],
        };
        var target = new RunningTarget(profile, roles, live: true);
        var oracle = confirmOracle;
        if (oracle is null && options.ConfirmTo is not null && options.Pop3 is { } pop3 && options.Pop3User is { } user)
        {
            oracle = new MailboxOracle(pop3, new TestIdentity { User = user, Password = options.Pop3Password ?? string.Empty, Hostname = pop3.Host });
        }

        if (oracle is not null)
        {
            // The relay forms confirm through "sink", the sender-auth ones through "mailbox": in a probe both are the user's own mailbox.
            target.Oracles["sink"] = oracle;
            target.Oracles["mailbox"] = oracle;
        }

        return target;
    }

    /// <summary>Runs <paramref name="scenarios"/> (see <see cref="Select"/>) one after another, politely.</summary>
    public static async Task<ProbeReport> RunAsync(ProbeOptions options, IReadOnlyList<Scenario> scenarios, IDeliveryOracle? confirmOracle = null, Action<ReportEntry>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(scenarios);
        await using var target = Target(options, confirmOracle);

        // One at a time, with the polite delay after each scenario (TargetSession does it in polite mode).
        using var session = new TargetSession(target, RunOptionsFor(options), concurrency: 1);
        var entries = await session.RunAllAsync(scenarios, progress, cancellationToken).ConfigureAwait(false);

        var contacted = target.Roles.Select(r => $"{r.Value.Host}:{r.Value.Port} ({r.Key})").ToList();
        if (target.Oracles.ContainsKey("sink") && options.Pop3 is { } pop3 && confirmOracle is null)
        {
            contacted.Add($"{pop3.Host}:{pop3.Port} (your POP3 mailbox, to confirm)");
        }

        return new ProbeReport(entries, RelaySummary.From(entries.Select(e => e.Result), target.Name), contacted, options.ConfirmTo is not null);
    }

    /// <summary>The runner settings of a probe: polite mode, and --confirm-to as the relay recipient.</summary>
    public static RunOptions RunOptionsFor(ProbeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Split(options.ConfirmTo) is { Local: { } local, Domain: { } domain })
        {
            variables["foreign_user"] = local;
            variables["foreign_domain"] = domain;
        }

        if (options.SenderAuth)
        {
            // Mail forged in the server's own domain's name, from the prober's address (which its SPF record excludes).
            variables["spf_fail_domain"] = options.Domain;
        }

        // Beyond its steps, a probed scenario may wait out a slow greeting and a relayed message's arrival.
        return new RunOptions
        {
            Variables = variables,
            Polite = new PoliteMode { ConfirmRecipient = options.ConfirmTo, Delay = options.Delay, GreetingTimeout = options.GreetingTimeout },
        }.WithStepTimeout(options.StepTimeout, allowance: options.GreetingTimeout + options.ConfirmWithin);
    }

    private static (string? Local, string? Domain) Split(string? address)
    {
        var at = address?.LastIndexOf('@') ?? -1;
        return at > 0 && at < address!.Length - 1 ? (address[..at], address[(at + 1)..]) : (null, null);
    }
}
