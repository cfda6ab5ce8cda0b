using System.CommandLine;
using ConformanceHarness.Targets;

namespace ConformanceHarness.Cli.Options;

/// <summary>The test identity and profile base for the targets: <c>--domain --user --password --apop-secret --profile --role</c>.</summary>
internal sealed class TargetIdentityOptions
{
    public Option<string?> Domain { get; } = new("--domain") { Description = "The target's local mail domain ({{domain}}), overriding the profile", HelpName = "DOMAIN" };

    public Option<string?> User { get; } = new("--user") { Description = "A real mailbox user on the target ({{user}})", HelpName = "USER" };

    public Option<string?> Password { get; } = new("--password") { Description = "That user's password ({{password}})", HelpName = "PASSWORD" };

    public Option<string?> ApopSecret { get; } = new("--apop-secret")
    {
        Description = "That user's APOP shared secret ({{apop_secret}}); without it (or the profile's apop_secret) the APOP scenarios skip",
        HelpName = "SECRET",
    };

    public Option<string?> Profile { get; } = new("--profile")
    {
        Description = "A target profile (YAML) whose identity, ports and features are the base for live: and process: targets",
        HelpName = "FILE",
    };

    public Option<string?> Role { get; } = new("--role")
    {
        Description = "For live: and process: targets, what the port serves: smtp (default), submission, pop3, smtps, pop3s",
        HelpName = "ROLE",
    };

    public TargetIdentityOptions()
    {
        Role.AcceptOnlyFromAmong([.. Protocols.Role.All.Select(r => r.Name)]);
    }

    public void AddTo(Command command)
    {
        command.Add(Domain);
        command.Add(User);
        command.Add(Password);
        command.Add(ApopSecret);
        command.Add(Profile);
        command.Add(Role);
    }

    public TargetOverrides Read(ParseResult parse) => new()
    {
        Domain = parse.GetValue(Domain),
        User = parse.GetValue(User),
        Password = parse.GetValue(Password),
        ApopSecret = parse.GetValue(ApopSecret),
        ProfileFile = parse.GetValue(Profile),
        Role = parse.GetValue(Role),
    };
}
