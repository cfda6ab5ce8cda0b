using ConformanceHarness.Protocols;
using ConformanceHarness.Wire;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ConformanceHarness.Targets;

/// <summary>Reads target profiles (YAML). Errors name the file and line.</summary>
public static class TargetProfileLoader
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    /// <summary>The feature a target with <c>container: { dns: … }</c> has: it resolves the test DNS zone.</summary>
    public const string TestDnsFeature = "testdns";

    public static TargetProfile LoadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new TargetSpecException($"profile file '{path}' does not exist");
        }

        return Parse(File.ReadAllText(path), path);
    }

    public static TargetProfile Parse(string yaml, string source) => Parse(yaml, source, depth: 0);

    private static TargetProfile Parse(string yaml, string source, int depth)
    {
        ProfileDocument document;
        try
        {
            document = Deserializer.Deserialize<ProfileDocument>(yaml) ?? throw new TargetSpecException($"{source}: the profile is empty");
        }
        catch (YamlException e)
        {
            throw new TargetSpecException($"{source}:{e.Start.Line}: {ProfileKeys.Explain(e)}", e);
        }

        if (string.IsNullOrWhiteSpace(document.Name))
        {
            throw new TargetSpecException($"{source}: 'name' is required");
        }

        var kind = document.Kind ?? "container";
        if (kind is not ("container" or "process" or "live"))
        {
            throw new TargetSpecException($"{source}: kind '{kind}' is not one of container, process, live");
        }

        foreach (var role in document.Ports.Keys)
        {
            if (!Role.TryParse(role, out _))
            {
                throw new TargetSpecException($"{source}: port role '{role}' is not one of {Role.Names}");
            }
        }

        var id = document.Identity ?? new IdentityDocument();
        var defaults = new TestIdentity();
        return new TargetProfile
        {
            Name = document.Name,
            Title = document.Title ?? document.Name,
            Kind = kind,
            Control = document.Control,
            Protocols = document.Protocols ?? ["smtp"],
            Container = document.Container is null
                ? null
                : new ContainerSpec
                {
                    Image = document.Container.Image,
                    // A relative Dockerfile path is relative to the profile file, so a profile travels with its server.
                    Dockerfile = document.Container.Dockerfile is { } dockerfile && !Path.IsPathRooted(dockerfile) && File.Exists(source)
                        ? Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(source))!, dockerfile))
                        : document.Container.Dockerfile,
                    ImageName = document.Container.ImageName,
                    Dns = document.Container.Dns,
                    Env = document.Container.Env ?? [],
                },
            Command = document.Command,
            Host = document.Host,
            Ports = document.Ports,
            Identity = new TestIdentity
            {
                Domain = id.Domain ?? defaults.Domain,
                Hostname = id.Hostname ?? defaults.Hostname,
                User = id.User ?? defaults.User,
                Password = id.Password ?? defaults.Password,
                ApopSecret = id.ApopSecret,
                ForeignDomain = id.ForeignDomain ?? defaults.ForeignDomain,
                ClientName = id.ClientName ?? defaults.ClientName,
                Mailbox = id.Mailbox ?? defaults.Mailbox,
                ServerIp = id.ServerIp ?? defaults.ServerIp,
            },
            // A target that resolves the test zone meets `requires: [testdns]` (the sender-authentication scenarios).
            Features = document.Container?.Dns is null ? document.Features ?? [] : [.. (document.Features ?? []).Union([TestDnsFeature], StringComparer.OrdinalIgnoreCase)],
            StepTimeout = StepTimeout(document.StepTimeout, source),
            ConnectionsPerAddress = Count(document.ConnectionsPerAddress, "connections_per_address", source),
            Concurrency = Count(document.Concurrency, "concurrency", source),
            MustFail = document.MustFail ?? [],
            // `fixes:` a variant that repairs what its base gets wrong (an enforcing configuration) drops those inherited
            // deviations, so the conformance suite fails it if it regresses there.
            Deviations = [.. InheritedDeviations(document.DeviationsFrom, source, depth).Where(d => !(document.Fixes ?? []).Any(f => ScenarioPattern.Covers(f, d.Scenario))), .. (document.Deviations ?? []).SelectMany(OwnDeviations)],
            Notes = document.Notes,
            Source = source,
        };
    }

    /// <summary>
    /// One <c>deviations:</c> entry: <c>scenario:</c> names one id or pattern, <c>scenarios:</c> several that share one
    /// rule, why and reply (one cause seen in many scenarios). An entry naming none gives an empty pattern, which
    /// <see cref="ProfilePatternCheck"/> reports as matching nothing.
    /// </summary>
    private static IEnumerable<Deviation> OwnDeviations(DeviationDocument entry)
    {
        IEnumerable<string?> named = [entry.Scenario, .. entry.Scenarios ?? []];
        var patterns = named.OfType<string>().DefaultIfEmpty(string.Empty);
        return patterns.Select(p => new Deviation { Scenario = p, Rule = entry.Rule ?? string.Empty, Why = entry.Why ?? string.Empty, Reply = entry.Reply });
    }

    /// <summary><c>connections_per_address</c>, <c>concurrency</c>: a count from 1 to 100 (more would only hide a typo).</summary>
    private static int? Count(int? value, string key, string source) =>
        value is null or (>= 1 and <= 100) ? value : throw new TargetSpecException($"{source}: {key} {value} must be from 1 to 100");

    /// <summary><c>step_timeout</c>: a duration as dialogues write it, within the step timeout's range.</summary>
    private static TimeSpan? StepTimeout(string? text, string source) =>
        text is null ? null
        : ConformanceHarness.Scenarios.DurationParser.TryParse(text, out var duration) && WireOptions.StepTimeoutRange.Contains(duration) ? duration
        : throw new TargetSpecException($"{source}: step_timeout '{text}' must be a duration such as 20s, {WireOptions.StepTimeoutRange}");

    /// <summary>
    /// <c>deviations_from: postfix</c>: the known deviations of the profile <c>postfix.yaml</c> beside this one come first.
    /// A variant of a server (a control, a student's second configuration) keeps its base's explained findings without
    /// copying them; its own deviations add to them.
    /// </summary>
    private static IEnumerable<Deviation> InheritedDeviations(string? baseName, string source, int depth)
    {
        if (baseName is null)
        {
            return [];
        }

        if (depth >= 4)
        {
            throw new TargetSpecException($"{source}: deviations_from '{baseName}' goes more than 4 profiles deep (a cycle?)");
        }

        var folder = File.Exists(source) ? Path.GetDirectoryName(Path.GetFullPath(source))! : Directory.GetCurrentDirectory();
        var path = Path.Combine(folder, baseName + ".yaml");
        if (!File.Exists(path))
        {
            throw new TargetSpecException($"{source}: deviations_from '{baseName}': there is no {baseName}.yaml beside this profile");
        }

        return Parse(File.ReadAllText(path), path, depth + 1).Deviations;
    }

    // YamlDotNet fills these by reflection.
#pragma warning disable CA1812, CA2227
    private sealed class ProfileDocument
    {
        public string Name { get; set; } = string.Empty;

        public string? Title { get; set; }

        public string? Kind { get; set; }

        public bool Control { get; set; }

        public List<string>? Protocols { get; set; }

        public ContainerDocument? Container { get; set; }

        public string? Command { get; set; }

        public string? Host { get; set; }

        public Dictionary<string, int> Ports { get; set; } = [];

        public IdentityDocument? Identity { get; set; }

        public List<string>? Features { get; set; }

        public List<DeviationDocument>? Deviations { get; set; }

        public string? StepTimeout { get; set; }

        public int? ConnectionsPerAddress { get; set; }

        public int? Concurrency { get; set; }

        public string? DeviationsFrom { get; set; }

        public List<string>? MustFail { get; set; }

        public List<string>? Fixes { get; set; }

        public string? Notes { get; set; }
    }

    private sealed class ContainerDocument
    {
        public string? Image { get; set; }

        public string? Dockerfile { get; set; }

        public string? ImageName { get; set; }

        public string? Dns { get; set; }

        public Dictionary<string, string>? Env { get; set; }
    }

    private sealed class IdentityDocument
    {
        public string? Domain { get; set; }

        public string? Hostname { get; set; }

        public string? User { get; set; }

        public string? Password { get; set; }

        public string? ApopSecret { get; set; }

        public string? ForeignDomain { get; set; }

        public string? ClientName { get; set; }

        public string? Mailbox { get; set; }

        public string? ServerIp { get; set; }
    }

    private sealed class DeviationDocument
    {
        public string? Scenario { get; set; }

        public List<string>? Scenarios { get; set; }

        public string? Reply { get; set; }

        public string? Rule { get; set; }

        public string? Why { get; set; }
    }
#pragma warning restore CA1812, CA2227
}
