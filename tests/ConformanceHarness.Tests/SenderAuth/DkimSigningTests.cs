using System.Text;
using ConformanceHarness.Delivery;
using ConformanceHarness.Scenarios;
using ConformanceHarness.SenderAuth;

namespace ConformanceHarness.Tests.SenderAuth;

/// <summary>SIGNED-DATA's signing (MimeKit's DkimSigner with the run's key) and the delivered-copy checks that read it back.</summary>
public sealed class DkimSigningTests
{
    private const string Message = "From: <a@dkim.test>\r\nTo: <alice@example.test>\r\nSubject: s\r\nDate: Thu, 03 Dec 2026 10:00:00 +0000\r\n\r\n.leading period\r\nbody\r\n";

    private static DeliveredMessage Delivered(byte[] content) => new("x@spf-none.test", ["alice@example.test"], content, DateTimeOffset.UtcNow);

    private static DeliveredMessage Delivered(string text) => Delivered(Encoding.UTF8.GetBytes(text));

    private static string? Check(string name, string argument, DeliveredMessage message) =>
        ReplyChecks.Evaluate(name, argument, new CheckContext(null, null, [message], new Dictionary<string, string>()));

    [Test]
    public void Sign_Valid_VerifiesAgainstTheRunKey_ForItsDomainOnly()
    {
        var signed = Delivered(DkimSigning.Sign(Message, "dkim.test", RunDkimKey.Selector, alterBody: false, RunDkimKey.Current));
        var locator = new RunKeyLocator(RunDkimKey.Current);

        Assert.Multiple(() =>
        {
            Assert.That(DkimCheck.ValidSignatureBy(signed, "dkim.test", locator), Is.Null);
            Assert.That(DkimCheck.ValidSignatureBy(signed, "dmarc-reject.test", locator), Does.Contain("d=dkim.test: valid"));
            Assert.That(signed.Text, Does.StartWith("DKIM-Signature: v=1; a=rsa-sha256;"));
        });
    }

    [Test]
    public void Sign_Altered_SignatureNoLongerVerifies()
    {
        var altered = Delivered(DkimSigning.Sign(Message, "dkim.test", RunDkimKey.Selector, alterBody: true, RunDkimKey.Current));

        Assert.That(DkimCheck.ValidSignatureBy(altered, "dkim.test", new RunKeyLocator(RunDkimKey.Current)), Does.Contain("d=dkim.test: does not verify"));
        Assert.That(altered.Text, Does.EndWith(DkimSigning.AlteredLine + "\r\n"));
    }

    [Test]
    public void DkimValid_UnsignedCopy_Fails_SignedCopy_Passes()
    {
        var signed = Delivered(DkimSigning.Sign(Message, "dkim.test", RunDkimKey.Selector, alterBody: false, RunDkimKey.Current));

        Assert.That(Check("dkim-valid", "dkim.test", Delivered(Message)), Does.Contain("carries no DKIM-Signature"));
        Assert.That(Check("dkim-valid", "dkim.test", signed), Is.Null);
    }

    [Test]
    public void DotStuffedData_DoublesLeadingPeriods_EndsWithTheEndOfData()
    {
        var data = Encoding.ASCII.GetString(DkimSigning.DotStuffedData(Encoding.ASCII.GetBytes("a\r\n.b\r\nc")));

        Assert.That(data, Is.EqualTo("a\r\n..b\r\nc\r\n.\r\n"));
    }

    [TestCase("Authentication-Results: mx.example.test; spf=fail smtp.mailfrom=spf-fail.test\r\n", "spf=fail", true)]
    [TestCase("Received-SPF: Softfail (mailfrom) identity=mailfrom; client-ip=172.17.0.1\r\n", "spf=softfail", true)]
    [TestCase("Authentication-Results: mx.example.test;\r\n\tdkim=pass (2048-bit key) header.d=dkim.test header.s=sel\r\n", "dkim=pass", true)]
    [TestCase("Authentication-Results: mx.example.test; dmarc=fail (p=reject dis=none) header.from=dmarc-reject.test\r\n", "dmarc=pass", false)]
    [TestCase("Authentication-Results: mx.example.test; dkim=fail reason=\"signature verification failed\"\r\n", "dkim=none|fail", true)]
    [TestCase("Received: from client\r\n", "spf=pass", false)]
    public void AuthResult_ReadsAuthenticationResultsAndReceivedSpf(string header, string argument, bool recorded)
    {
        var failure = Check("auth-result", argument, Delivered(header + Message));

        Assert.That(failure, recorded ? Is.Null : Is.Not.Null);
    }

    [Test]
    public void AuthResult_WithoutMethodAndResult_IsAScenarioError()
    {
        Assert.Throws<CheckArgumentException>(() => ReplyChecks.Check("auth-result", "spf", new CheckContext(null, null, [Delivered(Message)], new Dictionary<string, string>())));
    }
}
