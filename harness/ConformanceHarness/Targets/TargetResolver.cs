using System.Globalization;
using ConformanceHarness.Protocols;

namespace ConformanceHarness.Targets;

/// <summary>
/// Turns a target specification from the command line into a profile:
/// <c>live:HOST:PORT[/ROLE]</c>, <c>process:COMMAND</c> (with <c>{port}</c>), <c>container:NAME</c> (bundled) or <c>profile:FILE</c>.
/// </summary>
public static class TargetResolver
{
    public static TargetProfile Resolve(string spec, TargetOverrides? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        overrides ??= TargetOverrides.None;
        var colon = spec.IndexOf(':', StringComparison.Ordinal);
        var kind = colon < 0 ? string.Empty : spec[..colon];
        var rest = colon < 0 ? string.Empty : spec[(colon + 1)..];
        var profile = kind switch
        {
            "live" => Live(rest, overrides),
            "process" => Process(rest, overrides),
            "container" => BundledTargets.Load(rest, overrides.RepositoryRoot),
            "profile" => TargetProfileLoader.LoadFile(rest),
            _ => throw new TargetSpecException($"target '{spec}' is not understood: expected live:HOST:PORT[/ROLE], process:COMMAND (with {{port}}), container:NAME or profile:FILE.yaml"),
        };
        return Apply(profile, overrides);
    }

    private static TargetProfile Base(string name, string kind, TargetOverrides overrides)
    {
        if (overrides.ProfileFile is null)
        {
            return new TargetProfile { Name = name, Kind = kind };
        }

        return TargetProfileLoader.LoadFile(overrides.ProfileFile) with { Name = name, Kind = kind };
    }

    private static TargetProfile Live(string rest, TargetOverrides overrides)
    {
        var role = overrides.Role ?? "smtp";
        var slash = rest.LastIndexOf('/');
        if (slash >= 0)
        {
            role = rest[(slash + 1)..];
            rest = rest[..slash];
        }

        CheckRole(role);
        string host;
        string portText;
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || close + 1 >= rest.Length || rest[close + 1] != ':')
            {
                throw new TargetSpecException($"'live:{rest}' needs [IPv6]:PORT");
            }

            host = rest[1..close];
            portText = rest[(close + 2)..];
        }
        else
        {
            var last = rest.LastIndexOf(':');
            host = last < 0 ? rest : rest[..last];
            portText = last < 0 ? DefaultPort(role).ToString(CultureInfo.InvariantCulture) : rest[(last + 1)..];
        }

        if (host.Length == 0 || !int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new TargetSpecException($"'live:{rest}' needs HOST:PORT with a port from 1 to 65535");
        }

        var profile = Base($"live:{host}:{port}", "live", overrides);
        return profile with
        {
            Assumed = portText == DefaultPort(role).ToString(CultureInfo.InvariantCulture) && !rest.Contains(':', StringComparison.Ordinal)
                ? $"live:{rest} → port {port}, the {role} default"
                : null,
            Host = host,
            Ports = new Dictionary<string, int>(profile.Ports) { [role] = port },
            Protocols = [ProtocolName(role)],
        };
    }

    private static TargetProfile Process(string command, TargetOverrides overrides)
    {
        if (string.IsNullOrWhiteSpace(command))
        {
            throw new TargetSpecException("process: needs a command, e.g. \"process:python3 -m aiosmtpd -n -l 127.0.0.1:{port}\"");
        }

        // The program first: "/nonexistent has no {port}" would send the user after the wrong problem.
        if (MissingProgram(command) is { } missing)
        {
            throw new TargetSpecException(missing);
        }

        if (!command.Contains("{port", StringComparison.Ordinal))
        {
            throw new TargetSpecException($"the command '{command}' has no {{port}}: the harness picks a free port and substitutes it, so the server must take its port from the command line");
        }

        var role = overrides.Role ?? "smtp";
        CheckRole(role);
        var profile = Base($"process:{command.Split(' ', 2)[0]}", "process", overrides);
        var ports = new Dictionary<string, int>(profile.Ports);
        if (ports.Count == 0)
        {
            ports[role] = 0;
        }

        return profile with
        {
            Command = command,
            Host = "127.0.0.1",
            Ports = ports,
            Protocols = ports.Keys.Select(ProtocolName).Distinct().ToList(),
        };
    }

    /// <summary>
    /// Why the command's program cannot be started (a path that does not exist, a name on no PATH folder), or null.
    /// A first word with '=' (an environment assignment) or a command with shell syntax (cd x &amp;&amp; ./server) is left to the shell to judge.
    /// </summary>
    private static string? MissingProgram(string command)
    {
        var program = command.TrimStart().Split(' ', 2)[0];
        if (program.Length == 0 || program.Contains('=', StringComparison.Ordinal) || program.IndexOfAny(['$', '`', '(', '{', '"', '\'']) >= 0
            || command.Contains("&&", StringComparison.Ordinal) || command.Contains(';', StringComparison.Ordinal) || command.Contains('|', StringComparison.Ordinal))
        {
            return null;
        }

        if (program.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(program) ? null : $"process: '{program}' does not exist (relative paths are taken from {Directory.GetCurrentDirectory()})";
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Any(folder => File.Exists(Path.Combine(folder, program)))
            ? null
            : $"process: '{program}' is not a file and is on no folder of PATH";
    }

    private static TargetProfile Apply(TargetProfile profile, TargetOverrides overrides) => profile with
    {
        Identity = profile.Identity with
        {
            Domain = overrides.Domain ?? profile.Identity.Domain,
            User = overrides.User ?? profile.Identity.User,
            Password = overrides.Password ?? profile.Identity.Password,
            ApopSecret = overrides.ApopSecret ?? profile.Identity.ApopSecret,
        },
    };

    private static void CheckRole(string role)
    {
        if (!Role.TryParse(role, out _))
        {
            throw new TargetSpecException($"role '{role}' is not one of {Role.Names}");
        }
    }

    /// <summary>The catalog that grades a role: smtp or pop3.</summary>
    private static string ProtocolName(string role) => Role.Parse(role).IsPop3 ? "pop3" : "smtp";

    public static int DefaultPort(string role) => Role.TryParse(role, out var known) ? known.DefaultPort : Role.Smtp.DefaultPort;
}
