using System.Globalization;
using System.Net;

namespace ConformanceHarness.Dns;

/// <summary>
/// Which resolver the DNS lookups ask, and how long they wait. <see cref="Resolver"/> null means the system's resolvers
/// (/etc/resolv.conf, the network adapters); tests point it at a DNS server of their own on loopback.
/// </summary>
public sealed record DnsSettings
{
    /// <summary>The resolver's address and port, or null for the system's resolvers.</summary>
    public IPEndPoint? Resolver { get; init; }

    /// <summary>How long one query waits for an answer before it is retried (and, after the retries, reported as a timeout).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How many times an unanswered query is sent again (network errors only; an answer, even SERVFAIL, is final).</summary>
    public int Retries { get; init; } = 1;

    /// <summary>The system's resolvers, default timeout and retries.</summary>
    public static DnsSettings System { get; } = new();

    /// <summary>A specific resolver, e.g. <c>DnsSettings.At(IPAddress.Loopback, 5353)</c>.</summary>
    public static DnsSettings At(IPAddress address, int port = 53)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        return new DnsSettings { Resolver = new IPEndPoint(address, port) };
    }

    /// <summary>
    /// Reads a resolver as a user types it: <c>127.0.0.1</c>, <c>127.0.0.1:5353</c>, <c>::1</c>, <c>[::1]:5353</c>
    /// (port 53 when none is given). Host names are refused: the resolver of the resolver would be ambiguous.
    /// </summary>
    public static bool TryParseResolver(string? text, out IPEndPoint? resolver, out string? error)
    {
        resolver = null;
        error = null;
        var value = text?.Trim() ?? string.Empty;
        if (value.Length == 0)
        {
            error = "the resolver is empty; give an address such as 127.0.0.1:5353";
            return false;
        }

        string host = value;
        var port = 53;
        if (value.StartsWith('['))
        {
            var close = value.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                error = $"'{value}': a bracketed IPv6 address needs its closing ']'";
                return false;
            }

            host = value[1..close];
            var rest = value[(close + 1)..];
            if (rest.Length > 0 && (!rest.StartsWith(':') || !TryPort(rest[1..], out port)))
            {
                error = $"'{value}': expected [address]:port with a port from 1 to 65535";
                return false;
            }
        }
        else if (value.Count(c => c == ':') == 1)
        {
            var colon = value.IndexOf(':', StringComparison.Ordinal);
            host = value[..colon];
            if (!TryPort(value[(colon + 1)..], out port))
            {
                error = $"'{value}': expected address:port with a port from 1 to 65535";
                return false;
            }
        }

        if (!IPAddress.TryParse(host, out var address))
        {
            error = $"'{value}': the resolver must be an IP address (optionally with :port), not a host name";
            return false;
        }

        resolver = new IPEndPoint(address, port);
        return true;
    }

    /// <summary>For reports: <c>127.0.0.1:5353</c> or <c>the system's resolvers</c>.</summary>
    public string Describe() => Resolver is null ? "the system's resolvers" : Resolver.ToString();

    /// <summary>Throws when the timeout or retries are out of range; the message carries the numbers.</summary>
    public void Validate()
    {
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(5))
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, $"the DNS timeout must be between 0 and 5 minutes, was '{Timeout}'");
        }

        if (Retries is < 0 or > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(Retries), Retries, $"DNS retries must be between 0 and 10, was {Retries}");
        }
    }

    private static bool TryPort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 1 and <= 65535;
}
