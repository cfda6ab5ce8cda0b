using System.Globalization;
using System.Net.Sockets;
using DnsClient;
using DnsClient.Protocol;

namespace ConformanceHarness.Dns;

/// <summary>
/// The one place that asks DnsClient. Every outcome — records, NODATA, NXDOMAIN, SERVFAIL/REFUSED, timeout — comes
/// back as a <see cref="DnsAnswer"/>; only the caller's own cancellation escapes as an exception.
/// </summary>
internal sealed class DnsLookup
{
    private readonly LookupClient? client;
    private readonly DnsSettings settings;

    public DnsLookup(DnsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        this.settings = settings;

        // The system's resolvers, never DnsClient's fallback to a public resolver: a probe asks only what the user expects.
        var servers = settings.Resolver is { } resolver
            ? [new NameServer(resolver.Address, resolver.Port)]
            : NameServer.ResolveNameServers(skipIPv6SiteLocal: true, fallbackToGooglePublicDns: false).ToArray();
        if (servers.Length == 0)
        {
            return;
        }

        var options = new LookupClientOptions(servers);

        // Fresh answers only (a conformance check must see what the zone says now), and errors as data. A named resolver's
        // answer is final; among the system's resolvers a SERVFAIL moves on to the next, as the system's stub resolver does.
        options.UseCache = false;
        options.Timeout = settings.Timeout;
        options.Retries = settings.Retries;
        options.ThrowDnsErrors = false;
        options.ContinueOnDnsError = settings.Resolver is null;
        options.ContinueOnEmptyResponse = false;
        options.UseRandomNameServer = false;
        options.AutoResolveNameServers = false;
        options.UseTcpFallback = true;
        client = new LookupClient(options);
    }

    public DnsSettings Settings => settings;

    public async Task<DnsAnswer> QueryAsync(string name, QueryType type, CancellationToken cancellationToken)
    {
        var typeName = type.ToString();
        if (!DomainName.IsQueryable(name, out var problem))
        {
            return new DnsAnswer(name, typeName, DnsLookupStatus.InvalidName, [], problem!);
        }

        if (client is null)
        {
            return new DnsAnswer(name, typeName, DnsLookupStatus.ServerFailure, [], "no resolver: the system has none configured; name one explicitly");
        }

        // A guard over DnsClient's own per-try timeout, so a resolver that trickles never holds a check longer than this.
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        guard.CancelAfter(settings.Timeout * (settings.Retries + 1) + TimeSpan.FromSeconds(2));
        try
        {
            var response = await client.QueryAsync(name, type, QueryClass.IN, guard.Token).ConfigureAwait(false);
            var code = response.Header.ResponseCode;
            if (code == DnsHeaderResponseCode.NotExistentDomain)
            {
                return new DnsAnswer(name, typeName, DnsLookupStatus.NonExistentDomain, [], "NXDOMAIN");
            }

            if (code != DnsHeaderResponseCode.NoError)
            {
                return new DnsAnswer(name, typeName, DnsLookupStatus.ServerFailure, [], $"{ResponseCodeName(code)} from {Describe(response.NameServer)}");
            }

            var records = response.Answers.OfRecordType(ToRecordType(type)).ToList();
            return records.Count == 0
                ? new DnsAnswer(name, typeName, DnsLookupStatus.NoRecords, [], "no records (NODATA)")
                : new DnsAnswer(name, typeName, DnsLookupStatus.Answered, records, records.Count == 1 ? "1 record" : $"{records.Count} records");
        }
        catch (Exception error) when (cancellationToken.IsCancellationRequested && error is not OperationCanceledException)
        {
            // DnsClient reports a cancelled query as a DnsResponseException; the caller's cancellation is not a DNS outcome.
            throw new OperationCanceledException("the DNS lookup was cancelled", error, cancellationToken);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return TimedOut(name, typeName);
        }
        catch (DnsResponseException error) when (error.Code == DnsResponseCode.ConnectionTimeout)
        {
            return error.InnerException is SocketException socket && socket.SocketErrorCode != SocketError.TimedOut
                ? new DnsAnswer(name, typeName, DnsLookupStatus.Timeout, [], $"no answer from {settings.Describe()}: {socket.SocketErrorCode}")
                : TimedOut(name, typeName);
        }
        catch (DnsResponseException error)
        {
            return new DnsAnswer(name, typeName, DnsLookupStatus.ServerFailure, [], $"{error.Code} from {settings.Describe()}: {error.DnsError}");
        }
        catch (SocketException error)
        {
            return new DnsAnswer(name, typeName, DnsLookupStatus.Timeout, [], $"no answer from {settings.Describe()}: {error.SocketErrorCode}");
        }
        catch (ArgumentException error)
        {
            return new DnsAnswer(name, typeName, DnsLookupStatus.InvalidName, [], error.Message);
        }
    }

    /// <summary>The TXT records at <paramref name="name"/>, each as one string (RFC 7208 §3.3: the strings of one record are joined with nothing between).</summary>
    public async Task<(DnsAnswer Answer, IReadOnlyList<string> Texts)> QueryTextsAsync(string name, CancellationToken cancellationToken)
    {
        var answer = await QueryAsync(name, QueryType.TXT, cancellationToken).ConfigureAwait(false);
        var texts = answer.Records.OfType<TxtRecord>().Select(r => string.Concat(r.Text)).ToList();
        return (answer, texts);
    }

    private DnsAnswer TimedOut(string name, string type) =>
        new(name, type, DnsLookupStatus.Timeout, [],
            string.Create(CultureInfo.InvariantCulture, $"no answer from {settings.Describe()} within {settings.Timeout.TotalSeconds:0.###}s ({settings.Retries + 1} tries)"));

    private static string Describe(NameServer? server) => server is null ? "the resolver" : $"{server.Address}:{server.Port}";

    private static string ResponseCodeName(DnsHeaderResponseCode code) => code switch
    {
        DnsHeaderResponseCode.ServerFailure => "SERVFAIL",
        DnsHeaderResponseCode.Refused => "REFUSED",
        DnsHeaderResponseCode.FormatError => "FORMERR",
        DnsHeaderResponseCode.NotImplemented => "NOTIMP",
        _ => $"response code {(int)code}",
    };

    private static ResourceRecordType ToRecordType(QueryType type) => (ResourceRecordType)(int)type;
}
