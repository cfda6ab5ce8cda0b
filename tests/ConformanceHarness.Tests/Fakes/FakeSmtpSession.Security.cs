using System.Text;
using System.Text.RegularExpressions;

namespace ConformanceHarness.Tests.Fakes;

/// <summary>
/// Relay, enumeration and forgery behaviour of <see cref="FakeSmtpSession"/>: correct unless an <see cref="SmtpFault"/>
/// or a <see cref="FakeSmtpOptions"/> switch says otherwise.
/// </summary>
internal sealed partial class FakeSmtpSession
{
    private bool authenticated;

    private string Domain => options.Identity.Domain;

    /// <summary>The final destination: a plain local part at a domain it serves, or unqualified (any other form is someone else's).</summary>
    private bool IsLocal(string address)
    {
        var at = address.LastIndexOf('@');
        return at < 0 ? LocalPart().IsMatch(address) : at > 0 && Serves(address[(at + 1)..]) && LocalPart().IsMatch(address[..at]);
    }

    /// <summary>
    /// The domains the fake is the final destination for: its own (any case, with or without the trailing dot of an
    /// absolute name), its address literal, and none at all (an unqualified recipient is qualified with its own domain).
    /// </summary>
    private bool Serves(string domain) =>
        domain.Length == 0 || domain.TrimEnd('.').Equals(Domain, StringComparison.OrdinalIgnoreCase) || domain == "[127.0.0.1]";

    /// <summary>
    /// With <see cref="SmtpFault.OpenRelay"/> or <see cref="SmtpFault.RelayAcceptedNotDelivered"/>: a plain local part that
    /// names no user, at a domain the fake serves or one below it, is refused as unknown, as real MTAs refuse unknown local
    /// users — so a random local part tells it from a catch-all.
    /// </summary>
    private bool RefusesUnknownUser(string address)
    {
        var at = address.LastIndexOf('@');
        var local = at < 0 ? address : address[..at];
        var domain = at < 0 ? string.Empty : address[(at + 1)..];
        var ours = Serves(domain) || domain.TrimEnd('.').EndsWith("." + Domain, StringComparison.OrdinalIgnoreCase);
        return (options.Has(SmtpFault.OpenRelay) || options.Has(SmtpFault.RelayAcceptedNotDelivered)) && !options.CatchAllLocalRecipients && ours && LocalPart().IsMatch(local)
            && !local.Equals(options.Identity.User, StringComparison.OrdinalIgnoreCase) && !local.Equals("postmaster", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>True when this recipient is accepted to be relayed: by an open relay, or for an authenticated client.</summary>
    private bool AcceptsForRelay(string address)
    {
        if (IsLocal(address))
        {
            return false;
        }

        return options.Has(SmtpFault.OpenRelay) || options.Has(SmtpFault.RelayAcceptedNotDelivered) || (authenticated && !options.Has(SmtpFault.AuthenticatedRelayRefused));
    }

    /// <summary>True when an accepted recipient goes to the sink: relayed, not merely accepted (a catch-all keeps it).</summary>
    private bool Relays(string address) =>
        AcceptsForRelay(address) && !(options.Has(SmtpFault.RelayAcceptedNotDelivered) && !authenticated);

    private bool RefusesSender(string address) =>
        options.RefusesUnauthenticatedLocalSender && !authenticated
        && address.EndsWith("@" + Domain, StringComparison.OrdinalIgnoreCase);

    private bool HeaderFromMismatch(string content)
    {
        if (!options.RefusesHeaderFromMismatch || sender is null)
        {
            return false;
        }

        var from = HeaderFrom().Match(content);
        var at = sender.LastIndexOf('@');
        return from.Success && at >= 0 && !from.Groups[1].Value.Equals(sender[(at + 1)..], StringComparison.OrdinalIgnoreCase);
    }

    private string WithTraceHeader(string content)
    {
        if (!options.AddsTraceHeader)
        {
            return content;
        }

        if (options.Has(SmtpFault.TraceHeaderMisplaced))
        {
            // Below the client's header fields, no id, no usable date: what §4.4 does not allow.
            var blank = content.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var at = blank < 0 ? content.Length : blank + 2;
            return content[..at] + $"Received: from client by {Hostname} with ESMTP; sometime\r\n" + content[at..];
        }

        var peer = options.Has(SmtpFault.TraceWithoutPeerLiteral) ? "client" : "client (localhost [127.0.0.1])";
        return $"Received: from {peer}\r\n\tby {Hostname} (fake) with ESMTP id m{server.Accepted.Count + 1}; {DateTimeOffset.UtcNow:R}\r\n{content}";
    }

    private int unknownNames;

    private Task VrfyAsync(string argument, CancellationToken ct)
    {
        if (argument.Length == 0)
        {
            return ReplyAsync(501, "5.5.4", "Syntax: VRFY address", ct);
        }

        return options.Has(SmtpFault.VrfyLeaksUsers)
            ? Lookup(argument, ct)
            : ReplyAsync(252, "2.5.2", "Cannot VRFY user, but will accept message and attempt delivery", ct);
    }

    private Task ExpnAsync(string argument, CancellationToken ct) =>
        argument.Length == 0 ? ReplyAsync(501, "5.5.4", "Syntax: EXPN list", ct) : Lookup(argument, ct);

    private Task Lookup(string argument, CancellationToken ct)
    {
        var name = argument.Trim('<', '>');
        var at = name.IndexOf('@', StringComparison.Ordinal);
        var local = at < 0 ? name : name[..at];
        return local.Equals(options.Identity.User, StringComparison.OrdinalIgnoreCase)
            ? ReplyAsync(250, "2.1.5", $"<{options.Identity.User}@{Domain}>", ct)
            : UnknownNameAsync($"{name}... User unknown", ct);
    }

    /// <summary>A 550 for a name that does not exist, throttled or ended as the options say (an enumeration defence).</summary>
    private async Task UnknownNameAsync(string text, CancellationToken ct)
    {
        unknownNames++;
        if (options.UnknownNameLimit is { } limit && unknownNames >= limit)
        {
            await ReplyAsync(421, "4.7.0", $"{Hostname} Error: too many errors", ct);
            connection.Close();
            return;
        }

        if (unknownNames > 1)
        {
            await Task.Delay(options.UnknownNameDelay, ct);
        }

        await ReplyAsync(550, "5.1.1", text, ct);
    }

    /// <summary>RFC 4954 AUTH PLAIN (initial response only), inside TLS.</summary>
    private async Task AuthAsync(string argument, CancellationToken ct)
    {
        if (!connection.IsTls && !options.AuthInTheClear)
        {
            await ReplyAsync(538, "5.7.11", "Encryption required for requested authentication mechanism", ct);
            return;
        }

        var ignoresSequence = options.Has(SmtpFault.AuthSequenceIgnored);
        if (!ignoresSequence && (authenticated || sender is not null))
        {
            // RFC 4954 §4: no AUTH once authenticated, none during a mail transaction.
            await ReplyAsync(503, "5.5.1", authenticated ? "Error: already authenticated" : "Error: MAIL transaction in progress", ct);
            return;
        }

        var parts = argument.Split(' ', 2);
        if (!parts[0].Equals("PLAIN", StringComparison.OrdinalIgnoreCase))
        {
            await ReplyAsync(504, "5.5.4", "Unrecognized authentication type", ct);
            return;
        }

        var response = parts.Length > 1 ? parts[1] : null;
        if (response is null)
        {
            // No initial response: an empty challenge, then the client's line ('*' cancels, RFC 4954 §4).
            await connection.WriteAsync("334 " + LineEnd, ct);
            response = await connection.ReadLineAsync(ct);
            if (response is null)
            {
                return;
            }

            if (response == "*")
            {
                await (ignoresSequence
                    ? ReplyAsync(535, "5.7.8", "Authentication credentials invalid", ct)
                    : ReplyAsync(501, "5.7.0", "Authentication cancelled", ct));
                return;
            }
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(response));
        }
        catch (FormatException)
        {
            await ReplyAsync(501, "5.5.2", "Cannot decode response", ct);
            return;
        }

        var fields = decoded.Split('\0');
        authenticated = fields.Length == 3 && fields[1] == options.Identity.User && fields[2] == options.Identity.Password;
        await (authenticated
            ? ReplyAsync(235, "2.7.0", "Authentication successful", ct)
            : ReplyAsync(535, "5.7.8", "Authentication credentials invalid", ct));
    }

    [GeneratedRegex(@"^[A-Za-z0-9._+-]+$")]
    private static partial Regex LocalPart();

    [GeneratedRegex(@"^From:[^\r\n]*@([A-Za-z0-9.-]+)", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex HeaderFrom();
}
