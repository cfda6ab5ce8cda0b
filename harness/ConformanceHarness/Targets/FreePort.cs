using System.Net;
using System.Net.Sockets;

namespace ConformanceHarness.Targets;

/// <summary>Finds free loopback TCP ports for process targets.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
