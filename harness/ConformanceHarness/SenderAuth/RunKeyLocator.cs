using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;

namespace ConformanceHarness.SenderAuth;

/// <summary>
/// Answers DKIM key lookups the way the test zone does: every test domain publishes the run's key under selector
/// <see cref="RunDkimKey.Selector"/>, so a verifier needs no DNS (the zone's records are exactly this key).
/// </summary>
public sealed class RunKeyLocator(RunDkimKey key) : DkimPublicKeyLocatorBase
{
    public override AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
        selector == RunDkimKey.Selector
            ? GetPublicKey(key.DnsRecord)
            : throw new ParseException($"no key record at {selector}._domainkey.{domain} (the test zone publishes selector {RunDkimKey.Selector} only)", 0, 0);

    public override Task<AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
        Task.FromResult(LocatePublicKey(methods, domain, selector, cancellationToken));
}
