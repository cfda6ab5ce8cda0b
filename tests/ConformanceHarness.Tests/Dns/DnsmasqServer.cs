using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ConformanceHarness.Dns;
using DnsClient;

namespace ConformanceHarness.Tests.Dns;

/// <summary>
/// A real DNS server for the tests: Debian's dnsmasq as a process on 127.0.0.1 and a free port, serving
/// <see cref="TestZones"/>. It never forwards: no resolv.conf, no hosts file, no config file, no upstream server, and
/// <c>--local=/test/</c> makes it answer every .test name from its own data alone (NXDOMAIN when it has none). Names
/// outside .test get REFUSED. So no query the tests make leaves the machine.
/// </summary>
public sealed class DnsmasqServer : IDisposable
{
    /// <summary>What the tests tell a user who lacks the binary (the test setup installs it in CI).</summary>
    public const string InstallHint = "the DNS tests need dnsmasq (Debian package dnsmasq-base): apt-get install dnsmasq-base";

    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(15);

    private static readonly string[] ForwardingOptions = ["server=", "rev-server=", "resolv-file=", "servers-file=", "conf-dir=", "conf-file="];

    private readonly Process process;
    private readonly StringBuilder output = new();

    private DnsmasqServer(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    /// <summary>The configuration file holding the zone (deleted on dispose).</summary>
    public string? ZoneFile { get; private set; }

    public int Port { get; }

    /// <summary>Settings that ask this server: short timeout, no retries (loopback answers at once or not at all).</summary>
    public DnsSettings Settings => DnsSettings.At(IPAddress.Loopback, Port) with { Timeout = TimeSpan.FromSeconds(2), Retries = 0 };

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static string? FindBinary()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries);
        return path.Append("/usr/sbin").Append("/sbin")
            .Select(dir => Path.Combine(dir, "dnsmasq"))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>
    /// Starts dnsmasq serving <paramref name="zone"/> (configuration lines: mx-host=, host-record=, txt-record=, address=)
    /// on a free loopback port; ready once it answered a query. Lines that would forward or read other files are refused.
    /// </summary>
    public static async Task<DnsmasqServer> StartAsync(IEnumerable<string> zone)
    {
        var binary = FindBinary() ?? throw new InvalidOperationException(InstallHint);
        var lines = zone.ToList();
        var forwarding = lines.FirstOrDefault(l => ForwardingOptions.Any(o => l.TrimStart().StartsWith(o, StringComparison.Ordinal)));
        if (forwarding is not null)
        {
            throw new ArgumentException($"the test zone must not forward or include anything: '{forwarding}'", nameof(zone));
        }

        var directory = Directory.CreateTempSubdirectory("dnsmasq-zones-");
        var zoneFile = Path.Combine(directory.FullName, "zones.conf");
        await File.WriteAllLinesAsync(zoneFile, lines).ConfigureAwait(false);
        var zoneArguments = new[] { $"--conf-file={zoneFile}" };
        var failures = new List<string>();

        // The free port is found by binding it, then released for dnsmasq: another process may take it in between, so try a few.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var port = FreeUdpAndTcpPort();
            var server = Launch(binary, port, zoneArguments);
            server.ZoneFile = zoneFile;
            if (await server.WaitReadyAsync().ConfigureAwait(false))
            {
                return server;
            }

            failures.Add($"port {port}: {server.Output.Trim()}");
            server.Kill();
        }

        directory.Delete(recursive: true);
        throw new InvalidOperationException($"dnsmasq did not start:\n{string.Join('\n', failures)}");
    }

    /// <summary>Kills dnsmasq, waits for it to be gone, and removes the zone file.</summary>
    public void Dispose()
    {
        Kill();
        if (ZoneFile is { } file && Path.GetDirectoryName(file) is { } directory && Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private void Kill()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }

        process.Dispose();
    }

    private static DnsmasqServer Launch(string binary, int port, IReadOnlyList<string> zone)
    {
        var info = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] fixedArguments =
        [
            "--no-daemon", $"--port={port}", "--listen-address=127.0.0.1", "--bind-interfaces",
            "--no-resolv", "--no-hosts", "--conf-file=/dev/null", "--local=/test/",
        ];
        foreach (var argument in fixedArguments.Concat(zone))
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var server = new DnsmasqServer(process, port);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    private async Task<bool> WaitReadyAsync()
    {
        // Ready means it answered, not that the port is open.
        var client = new LookupClient(new LookupClientOptions(new NameServer(IPAddress.Loopback, Port)) { UseCache = false, Timeout = TimeSpan.FromMilliseconds(300), Retries = 0 });
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < ReadyWithin)
        {
            if (process.HasExited)
            {
                return false;
            }

            try
            {
                var answer = await client.QueryAsync(TestZones.Ready, QueryType.A).ConfigureAwait(false);
                if (answer.Answers.ARecords().Any())
                {
                    return true;
                }
            }
            catch (DnsResponseException)
            {
                // Not listening yet.
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        Append($"no answer for {TestZones.Ready} within {ReadyWithin}");
        return false;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static int FreeUdpAndTcpPort()
    {
        for (var i = 0; i < 20; i++)
        {
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            tcp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)tcp.LocalEndPoint!).Port;
            try
            {
                using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                udp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
                // UDP side taken: try another.
            }
        }

        throw new InvalidOperationException("no free loopback port for both UDP and TCP after 20 tries");
    }
}
