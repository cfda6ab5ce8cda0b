using System.Security.Cryptography;

namespace ConformanceHarness.SenderAuth;

/// <summary>
/// The run's DKIM key pair (RSA 2048, made once per harness process): the test DNS zone publishes its public half for
/// every test domain (selector <see cref="Selector"/>), SIGNED-DATA signs with it, a signing target is given its private
/// half, and delivered copies are verified against it. Never written to disk; a new run has a new key.
/// </summary>
public sealed class RunDkimKey
{
    /// <summary>The selector every test domain publishes the key under (RFC 6376 §3.1: s=, the TXT record at s._domainkey.d).</summary>
    public const string Selector = "sel";

    private static readonly Lazy<RunDkimKey> Shared = new(() => new RunDkimKey());

    private RunDkimKey()
    {
        using var rsa = RSA.Create(2048);
        PrivateKeyPem = rsa.ExportRSAPrivateKeyPem();
        PublicKeyBase64 = Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo());
    }

    /// <summary>This run's key.</summary>
    public static RunDkimKey Current => Shared.Value;

    /// <summary>PKCS#1 PEM ("RSA PRIVATE KEY"), as OpenDKIM and MimeKit's DkimSigner read it.</summary>
    public string PrivateKeyPem { get; }

    /// <summary>The DER SubjectPublicKeyInfo in base64: the <c>p=</c> tag of the key record (RFC 6376 §3.6.1).</summary>
    public string PublicKeyBase64 { get; }

    /// <summary>The TXT record text published at <c>sel._domainkey.DOMAIN</c>.</summary>
    public string DnsRecord => $"v=DKIM1; k=rsa; p={PublicKeyBase64}";
}
