using System.Net;

namespace ConformanceHarness.Bench;

/// <summary>One thing the floor client does on one of a scenario's connections.</summary>
internal abstract record ReplayAction(string Connection)
{
    public sealed record Connect(string Connection, IPEndPoint EndPoint) : ReplayAction(Connection);

    public sealed record Send(string Connection, byte[] Bytes) : ReplayAction(Connection);

    /// <summary>Read until as many line feeds (or, for a partial line, bytes) as the harness received have arrived, or the server closes.</summary>
    public sealed record Receive(string Connection, int Bytes, int LineFeeds) : ReplayAction(Connection);

    public sealed record Tls(string Connection) : ReplayAction(Connection);

    /// <summary>The server closed: read until it does.</summary>
    public sealed record AwaitClose(string Connection) : ReplayAction(Connection);

    /// <summary>The harness dropped the connection (reset).</summary>
    public sealed record Drop(string Connection) : ReplayAction(Connection);
}
