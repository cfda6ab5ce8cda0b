using System.Text;
using ConformanceHarness.SenderAuth;
using MimeKit;
using MimeKit.Cryptography;

namespace ConformanceHarness.Tests.Fakes;

/// <summary>
/// Sender authentication of <see cref="FakeSmtpSession"/> against the test zone (the testdns image's built-in records,
/// the run's DKIM key): off unless <see cref="FakeSmtpOptions.SenderAuth"/> or <see cref="FakeSmtpOptions.SenderAuthRecordOnly"/>.
/// </summary>
internal sealed partial class FakeSmtpSession
{
    private bool ChecksSenders => options.SenderAuth || options.SenderAuthRecordOnly;

    /// <summary>The SPF result of the test zone's record for a domain, from the harness's address (RFC 7208 §2.6).</summary>
    private static string Spf(string domain) => domain.ToLowerInvariant() switch
    {
        "spf-pass.test" or "dmarc-spf-pass.test" => "pass",
        "spf-fail.test" or "dmarc-reject.test" or "dmarc-quarantine.test" or "dmarc-none.test" => "fail",
        "spf-softfail.test" => "softfail",
        "spf-neutral.test" => "neutral",
        _ => "none",
    };

    private static string? DmarcPolicy(string domain) => domain.ToLowerInvariant() switch
    {
        "dmarc-reject.test" or "dmarc-spf-pass.test" => "reject",
        "dmarc-quarantine.test" => "quarantine",
        "dmarc-none.test" => "none",
        _ => null,
    };

    private string SenderDomain => sender is { } s && s.LastIndexOf('@') is var at and >= 0 ? s[(at + 1)..] : string.Empty;

    /// <summary>RFC 7208 §8.4 and RFC 7372 §3.2: an SPF fail refused at RCPT.</summary>
    private string? SpfRefusal() =>
        options.SenderAuth && sender is not null && Spf(SenderDomain) == "fail"
            ? $"SPF: {SenderDomain} does not designate this host as a permitted sender"
            : null;

    /// <summary>The DMARC refusal (p=reject, RFC 7489 §6.3), or the message with its results recorded on top (RFC 8601, RFC 7208 §9.1).</summary>
    private (string? Refusal, string Content) SenderAuthentication(string content)
    {
        if (!ChecksSenders)
        {
            return (null, content);
        }

        MimeMessage message;
        using (var stream = new MemoryStream(Encoding.UTF8.GetBytes(content)))
        {
            message = MimeMessage.Load(stream);
        }

        var fromDomain = message.From.Mailboxes.FirstOrDefault()?.Domain ?? string.Empty;
        var verifier = new DkimVerifier(new RunKeyLocator(RunDkimKey.Current));
        var signatures = message.Headers.Where(h => h.Id == HeaderId.DkimSignature)
            .Select(h => (Domain: DkimCheck.Tag(h.Value, "d"), Valid: Verifies(verifier, message, h)))
            .ToList();
        var spf = Spf(SenderDomain);
        var dkim = signatures.Count == 0 ? "none" : signatures.Any(s => s.Valid) ? "pass" : "fail";
        var aligned = (spf == "pass" && SenderDomain.Equals(fromDomain, StringComparison.OrdinalIgnoreCase))
            || signatures.Any(s => s.Valid && s.Domain.Equals(fromDomain, StringComparison.OrdinalIgnoreCase));
        var policy = DmarcPolicy(fromDomain);
        var dmarc = policy is null ? "none" : aligned ? "pass" : "fail";
        if (options.SenderAuth && policy == "reject" && dmarc == "fail")
        {
            return ($"rejected by DMARC policy for {fromDomain}", content);
        }

        var results = $"Authentication-Results: {Hostname}; spf={spf} smtp.mailfrom={SenderDomain}; dkim={dkim}{(signatures.Count > 0 ? " header.d=" + signatures[0].Domain : string.Empty)}; dmarc={dmarc} header.from={fromDomain}\r\n";
        return (null, $"Received-SPF: {spf} (fake: test zone) envelope-from={sender}\r\n{results}{content}");
    }

    private static bool Verifies(DkimVerifier verifier, MimeMessage message, Header signature)
    {
        try
        {
            return verifier.Verify(message, signature);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>What an authenticated client relays, DKIM-signed for the fake's domain when it signs (RFC 6376 §5).</summary>
    private byte[] SignedForRelay(byte[] content) =>
        options.SignsRelayed && authenticated
            ? DkimSigning.Sign(Encoding.UTF8.GetString(content), Domain, RunDkimKey.Selector, alterBody: false, RunDkimKey.Current)
            : content;
}
