using ConformanceHarness.Running;
using ConformanceHarness.Targets;
using ConformanceHarness.Tests.Fakes;
using ConformanceHarness.Tests.Support;

namespace ConformanceHarness.Tests.Running;

/// <summary>SECURE: STLS / STARTTLS when the capability probe saw it, else the dialogue goes on in the clear (issue 14 property 4).</summary>
public sealed class SecureStepTests
{
    private const string Pop3Login = """
        S: +OK
        SECURE
        C: USER {{user}}
        S: +OK
        C: PASS {{password}}
        S: +OK
        C: QUIT
        S: +OK
        """;

    private const string SmtpAuth = """
        S: 220
        C: EHLO {{client}}
        S: 250
        SECURE
        C: EHLO {{client}}
        S: 250
        C: AUTH PLAIN {{auth_plain}}
        S: 235
        C: QUIT
        S: 221
        """;

    [Test]
    public async Task Secure_Pop3WithStls_UpgradesBeforeLogin()
    {
        await using var fake = FakeTarget.Start(pop3: new FakePop3Options());
        var result = await InlineScenario.RunAsync(InlineScenario.Pop3(Pop3Login), fake.Target);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), InlineScenario.Explain(result));
        Assert.That(result.RenderTranscript(), Does.Contain("STLS"));
    }

    [Test]
    public async Task Secure_Pop3WithoutStls_LogsInInTheClearWithANote()
    {
        await using var fake = FakeTarget.Start(pop3: FakePop3Options.Cleartext());
        var result = await InlineScenario.RunAsync(InlineScenario.Pop3(Pop3Login), fake.Target);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), InlineScenario.Explain(result));
        Assert.That(result.RenderTranscript(), Does.Contain("no STLS offered: continuing in the clear"));
        Assert.That(result.RenderTranscript(), Does.Not.Contain("C: STLS"));
    }

    [Test]
    public async Task Secure_StlsOfferedThenRefused_Fails()
    {
        await using var fake = FakeTarget.Start(Pop3Fault.StlsRefused);
        var result = await InlineScenario.RunAsync(InlineScenario.Pop3(Pop3Login), fake.Target);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Fail), InlineScenario.Explain(result));
    }

    [Test]
    public async Task Secure_SmtpWithStartTls_AuthenticatesInsideTls()
    {
        await using var fake = FakeTarget.Start(new FakeSmtpOptions { OffersStartTls = true, AuthPlain = true });
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp(SmtpAuth), fake.Target);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), InlineScenario.Explain(result));
        Assert.That(result.RenderTranscript(), Does.Contain("STARTTLS"));
    }

    [Test]
    public async Task Secure_SmtpWithoutStartTls_AuthenticatesInTheClear()
    {
        await using var fake = FakeTarget.Start(new FakeSmtpOptions { AuthPlain = true, AuthInTheClear = true });
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp(SmtpAuth), fake.Target);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), InlineScenario.Explain(result));
        Assert.That(result.RenderTranscript(), Does.Contain("no STARTTLS offered"));
    }

    [Test]
    public async Task Secure_SmtpWithoutStartTlsRefusingAuth_Fails()
    {
        await using var fake = FakeTarget.Start(new FakeSmtpOptions { AuthPlain = true });
        var result = await InlineScenario.RunAsync(InlineScenario.Smtp(SmtpAuth), fake.Target);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Fail), InlineScenario.Explain(result));
    }

    [Test]
    public async Task Apop_WithoutSecret_SkipsWithTheReason()
    {
        // Mailutils-like: a greeting timestamp, a secret that is not the password, and no secret in the profile.
        await using var fake = FakeTarget.Start(pop3: new FakePop3Options { Apop = true, Identity = new TestIdentity { ApopSecret = "apop-only" } });
        var result = await InlineScenario.RunAsync(ApopScenario(), fake.Target);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Skip), InlineScenario.Explain(result));
        Assert.That(result.Summary, Does.Contain("no APOP secret").And.Contain("--apop-secret"));
    }

    [Test]
    public async Task Apop_WithTheSecret_Passes()
    {
        await using var fake = FakeTarget.Start(new FakeSmtpOptions { Identity = new TestIdentity { ApopSecret = "apop-only" } }, new FakePop3Options { Apop = true, Identity = new TestIdentity { ApopSecret = "apop-only" } });
        var result = await InlineScenario.RunAsync(ApopScenario(), fake.Target);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), InlineScenario.Explain(result));
    }

    [Test]
    public async Task Apop_WithAWrongSecret_Fails()
    {
        await using var fake = FakeTarget.Start(new FakeSmtpOptions { Identity = new TestIdentity { ApopSecret = "wonderland" } }, new FakePop3Options { Apop = true, Identity = new TestIdentity { ApopSecret = "apop-only" } });
        var result = await InlineScenario.RunAsync(ApopScenario(), fake.Target);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Fail), InlineScenario.Explain(result));
    }

    private static ConformanceHarness.Scenarios.Scenario ApopScenario() => InlineScenario.Pop3(
        """
        S: +OK /(?<apop_ts><[^<>\s]+@[^<>\s]+>)/
        SET apop_input = {{apop_ts}}{{apop_secret}}
        C: APOP {{user}} {{md5:apop_input}}
        S: +OK
        C: QUIT
        S: +OK
        """,
        requires: ["apop", ScenarioRunner.ApopSecret]);
}
