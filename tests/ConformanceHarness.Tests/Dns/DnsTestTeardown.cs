namespace ConformanceHarness.Tests.Dns;

/// <summary>Stops the shared dnsmasq when the tests in this namespace are done.</summary>
[SetUpFixture]
public sealed class DnsTestTeardown
{
    [OneTimeTearDown]
    public void StopDnsmasq() => TestDns.Stop();
}
