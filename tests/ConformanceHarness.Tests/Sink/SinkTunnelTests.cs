using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ConformanceHarness.Sink;
using ConformanceHarness.Targets;

namespace ConformanceHarness.Tests.Sink;

/// <summary>
/// The capture sink through its relay (harness/targets/images/capture-sink/relay.py, run here as a local process): a
/// message arrives byte for byte as through the listener on the bridge gateway (the same SMTP session serves both),
/// more deliveries at once than the tunnel has workers all arrive, and a port that accepts but is no relay (what a
/// published port does before the container listens) is not taken for a ready sink.
/// </summary>
public sealed class SinkTunnelTests
{
    // A bare LF and a lone CR inside the data, a dot-stuffed line: what smuggling verdicts depend on.
    private static readonly byte[] Body = "Subject: tunnel {0}\r\n\r\nline one\nstill line one\rand\r\n..stuffed\r\n"u8.ToArray();

    [Test]
    public async Task Message_ThroughTheRelay_ArrivesAsThroughTheGatewayListener()
    {
        var relay = await RelayProcess.StartAsync();
        await using var tunnelled = await CaptureSink.OverTunnelAsync(new SinkAddress("10.0.0.2", 25), "127.0.0.1", relay.HarnessPort, relay, TimeSpan.FromSeconds(20), CancellationToken.None);
        await using var direct = CaptureSink.Start(IPAddress.Loopback);

        await DeliverAsync(relay.TargetPort, "one");
        await DeliverAsync(direct.Address.Port, "one");

        var viaRelay = await tunnelled.WaitAsync("tunnel one", 1, TimeSpan.FromSeconds(10), CancellationToken.None);
        var viaGateway = await direct.WaitAsync("tunnel one", 1, TimeSpan.FromSeconds(10), CancellationToken.None);
        Assert.That(viaRelay, Has.Count.EqualTo(1));
        Assert.That(viaRelay[0].Content, Is.EqualTo(viaGateway.Single().Content), "the same bytes, bare LF and lone CR kept, dot-stuffing undone");
        Assert.That(viaRelay[0].MailFrom, Is.EqualTo("probe@client.example"));
        Assert.That(viaRelay[0].Recipients, Is.EqualTo(new[] { "someone@elsewhere.example" }));
        Assert.That(tunnelled.Address, Is.EqualTo(new SinkAddress("10.0.0.2", 25)), "targets are told the relay's address on their network");
    }

    [Test]
    public async Task ManyDeliveriesAtOnce_MoreThanTheWorkers_AllArrive()
    {
        var relay = await RelayProcess.StartAsync();
        await using var sink = await CaptureSink.OverTunnelAsync(new SinkAddress("10.0.0.2", 25), "127.0.0.1", relay.HarnessPort, relay, TimeSpan.FromSeconds(20), CancellationToken.None);

        var count = SinkTunnel.Workers + 4;
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => DeliverAsync(relay.TargetPort, $"many-{i}")));

        var arrived = await sink.WaitAsync("tunnel many-", count, TimeSpan.FromSeconds(20), CancellationToken.None);
        Assert.That(arrived, Has.Count.EqualTo(count));
    }

    [Test]
    public async Task PortThatAcceptsButIsNoRelay_IsNotReady()
    {
        // A published port accepts before the container behind it listens, then closes: that is not a sink.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var stop = new CancellationTokenSource();
        var closer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var client = await listener.AcceptTcpClientAsync(stop.Token);
            }
        });
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            Assert.ThrowsAsync<TimeoutException>(() => CaptureSink.OverTunnelAsync(new SinkAddress("10.0.0.2", 25), "127.0.0.1", port, new Nothing(), TimeSpan.FromSeconds(2), CancellationToken.None));
        }
        finally
        {
            await stop.CancelAsync();
            listener.Stop();
            await closer.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>One SMTP transaction carrying <see cref="Body"/> with <paramref name="label"/> in its subject.</summary>
    private static async Task DeliverAsync(int port, string label)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        var stream = client.GetStream();
        var reader = new StreamReader(stream, Encoding.ASCII);
        await ExpectAsync(reader, "220");
        foreach (var (command, reply) in new[] { ("EHLO client.example", "250"), ("MAIL FROM:<probe@client.example>", "250"), ("RCPT TO:<someone@elsewhere.example>", "250"), ("DATA", "354") })
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"));
            await ExpectAsync(reader, reply);
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(string.Format(System.Globalization.CultureInfo.InvariantCulture, Encoding.ASCII.GetString(Body), label)));
        await stream.WriteAsync("\r\n.\r\nQUIT\r\n"u8.ToArray());
        await ExpectAsync(reader, "250");
        await ExpectAsync(reader, "221");
    }

    private static async Task ExpectAsync(StreamReader reader, string code)
    {
        while (true)
        {
            var line = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(15)) ?? throw new IOException($"closed while waiting for {code}");
            if (line.Length < 4 || line[3] == ' ')
            {
                Assert.That(line, Does.StartWith(code));
                return;
            }
        }
    }

    private sealed class Nothing : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>relay.py on two free loopback ports, ended on dispose.</summary>
    private sealed class RelayProcess : IAsyncDisposable
    {
        private readonly Process process;

        private RelayProcess(Process process, int targetPort, int harnessPort)
        {
            this.process = process;
            TargetPort = targetPort;
            HarnessPort = harnessPort;
        }

        public int TargetPort { get; }

        public int HarnessPort { get; }

        public static async Task<RelayProcess> StartAsync()
        {
            var script = Path.Combine(RepositoryLayout.TargetsDirectory(), "images", "capture-sink", "relay.py");
            var (target, harness) = (FreePort.Next(), FreePort.Next());
            var info = new ProcessStartInfo("python3", ["-u", script, target.ToString(System.Globalization.CultureInfo.InvariantCulture), harness.ToString(System.Globalization.CultureInfo.InvariantCulture), "127.0.0.1"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            var process = Process.Start(info) ?? throw new InvalidOperationException("python3 did not start");
            var first = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
            if (first?.StartsWith("capture-sink-relay:", StringComparison.Ordinal) != true)
            {
                process.Kill();
                Assert.Fail($"relay.py did not start: {first}\n{await process.StandardError.ReadToEndAsync()}");
            }

            return new RelayProcess(process, target, harness);
        }

        public async ValueTask DisposeAsync()
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
        }
    }
}
