using System.Net;
using System.Net.Sockets;

namespace ConformanceHarness.Tests.Support;

/// <summary>
/// A loopback port bound and never listened on, held until disposed: connecting to it is refused on every attempt, and
/// no fixture running beside the test can be given it meanwhile (a port merely free a moment ago can be, and greet).
/// </summary>
public sealed class RefusedPort : IDisposable
{
    private readonly Socket socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public RefusedPort() => socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));

    public int Port => ((IPEndPoint)socket.LocalEndPoint!).Port;

    public void Dispose() => socket.Dispose();
}
