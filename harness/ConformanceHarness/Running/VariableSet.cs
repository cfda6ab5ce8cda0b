using System.Text;
using ConformanceHarness.Targets;

namespace ConformanceHarness.Running;

/// <summary>The variables a dialogue sees: profile identity, per-run unique values, captures and SETs.</summary>
public static class VariableSet
{
    /// <summary>Builds the starting variables for one scenario run on one target.</summary>
    public static Dictionary<string, string> Create(TargetProfile profile, IReadOnlyDictionary<string, string> overrides)
    {
        var id = profile.Identity;
        var token = "CH" + Convert.ToHexString(RandomBytes(8));
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["domain"] = id.Domain,
            ["hostname"] = id.Hostname,
            ["user"] = id.User,
            ["password"] = id.Password,
            ["foreign_domain"] = id.ForeignDomain,

            // The local part of the relay recipient at the foreign domain (the probe's --confirm-to sets both).
            ["foreign_user"] = "relay-test",
            ["domain_upper"] = id.Domain.ToUpperInvariant(),
            ["client"] = id.ClientName,
            ["server_ip"] = id.ServerIp,
            ["target"] = profile.Name,

            // A unique token per scenario run, for the delivery oracle; a second one for smuggled messages.
            ["token"] = token,
            ["token2"] = "CH" + Convert.ToHexString(RandomBytes(8)),

            // A local part that certainly names no user (the enumeration baseline).
            ["random"] = "nouser-" + Convert.ToHexString(RandomBytes(6)).ToLowerInvariant(),
            ["date"] = DateTimeOffset.UtcNow.ToString("ddd, dd MMM yyyy HH:mm:ss +0000", System.Globalization.CultureInfo.InvariantCulture),
            ["message_id"] = $"<{token}@{id.ClientName}>",

            // RFC 4616 PLAIN: authzid NUL authcid NUL passwd; RFC 4954 LOGIN-style base64 pieces.
            ["auth_plain"] = Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{id.User}\0{id.Password}")),
            ["auth_plain_wrong"] = Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{id.User}\0not-{id.Password}")),
            ["user_b64"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(id.User)),
            ["password_b64"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(id.Password)),
            ["long_local"] = new string('a', 65),

            // RFC 1939 §7: the shared secret APOP's digest is computed over; empty where the harness knows none (the
            // APOP scenarios then skip: requires apop-secret).
            ["apop_secret"] = id.ApopSecret ?? string.Empty,
            // The test DNS zone's domain whose SPF record excludes the harness (harness/targets/images/testdns); the probe's
            // --sender-auth sets it to the server's own mail domain.
            ["spf_fail_domain"] = "spf-fail.test",
        };
        foreach (var (key, value) in overrides)
        {
            variables[key] = value;
        }

        return variables;
    }

    /// <summary>
    /// Tokens that only have to be unique (a delivery's token, a local part no user has), never secrets: from
    /// <see cref="Random.Shared"/> (seeded from the system's random source), not RandomNumberGenerator, which on Linux
    /// loads and initialises OpenSSL — a cost every short run paid even when it never spoke TLS.
    /// </summary>
    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }
}
