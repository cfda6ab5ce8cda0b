using System.Net;
using System.Net.Sockets;
using ConformanceHarness.Dns;

namespace ConformanceHarness.Tests.Dns;

/// <summary>
/// A resolver on 127.0.0.1 that misbehaves on purpose, for the failures dnsmasq will not produce: it answers every
/// query SERVFAIL, or never answers at all (a timeout).
/// </summary>
public sealed class UdpDnsStub : IDisposable
{
    private readonly UdpClient socket = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;
    private int queries;

    private UdpDnsStub(bool answer)
    {
        loop = ServeAsync(answer, stopping.Token);
    }

    public int Port => ((IPEndPoint)socket.Client.LocalEndPoint!).Port;

    /// <summary>How many queries arrived.</summary>
    public int Queries => Volatile.Read(ref queries);

    public DnsSettings Settings(TimeSpan timeout) => DnsSettings.At(IPAddress.Loopback, Port) with { Timeout = timeout, Retries = 0 };

    public static UdpDnsStub ServerFailure() => new(answer: true);

    public static UdpDnsStub Silent() => new(answer: false);

    public void Dispose()
    {
        stopping.Cancel();
        socket.Dispose();
        try
        {
            loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The receive loop ends with the socket.
        }

        stopping.Dispose();
    }

    private async Task ServeAsync(bool answer, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            UdpReceiveResult query;
            try
            {
                query = await socket.ReceiveAsync(cancellationToken);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            Interlocked.Increment(ref queries);
            if (answer && query.Buffer.Length >= 12)
            {
                await socket.SendAsync(ServFail(query.Buffer), query.RemoteEndPoint, cancellationToken);
            }
        }
    }

    // RFC 1035 §4.1.1: same id and question, QR set, RD copied, RA set, RCODE 2 (server failure), no records.
    private static byte[] ServFail(byte[] query)
    {
        var end = 12;
        while (end < query.Length && query[end] != 0)
        {
            end += query[end] + 1;
        }

        end = Math.Min(query.Length, end + 5);
        var reply = query[..end];
        reply[2] = (byte)(0x80 | (query[2] & 0x01));
        reply[3] = 0x82;
        reply[4] = 0;
        reply[5] = 1;
        for (var i = 6; i < 12; i++)
        {
            reply[i] = 0;
        }

        return reply;
    }
}
