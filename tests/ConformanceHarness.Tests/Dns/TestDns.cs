namespace ConformanceHarness.Tests.Dns;

/// <summary>
/// The one dnsmasq the DNS tests share, started on first use (so the parser tests need no server) and stopped by
/// <see cref="DnsTestTeardown"/>. Without the binary every test that needs it fails, naming the package to install.
/// </summary>
public static class TestDns
{
    private static readonly Lock Gate = new();
    private static Task<DnsmasqServer>? starting;

    public static Task<DnsmasqServer> ServerAsync()
    {
        lock (Gate)
        {
            if (starting is null)
            {
                starting = DnsmasqServer.StartAsync(TestZones.Lines);

                // A safety net for a run that is killed before the teardown: never leave dnsmasq behind.
                AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
            }

            return starting;
        }
    }

    public static void Stop()
    {
        Task<DnsmasqServer>? started;
        lock (Gate)
        {
            started = starting;
            starting = null;
        }

        if (started is { IsCompletedSuccessfully: true })
        {
            started.Result.Dispose();
        }
    }
}
