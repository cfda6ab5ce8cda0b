using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ConformanceHarness.Tests.Containers;

/// <summary>
/// An HTTP server on 127.0.0.1 that answers like a Docker engine of API <see cref="ApiVersion"/>: <c>/version</c>, and
/// every other request with <see cref="Answer"/>. Lets a test see what the harness does with an engine's refusals,
/// which a real engine gives only by accident.
/// </summary>
public sealed class FakeEngine : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Task serving;

    public FakeEngine(string apiVersion = "1.41", string minApiVersion = "1.12")
    {
        ApiVersion = apiVersion;
        MinApiVersion = minApiVersion;
        Port = FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        serving = Task.Run(ServeAsync);
    }

    public string ApiVersion { get; }

    public string MinApiVersion { get; }

    public int Port { get; }

    public Uri Url => new($"tcp://127.0.0.1:{Port}");

    /// <summary>Status and JSON body for any request but <c>/version</c>.</summary>
    public (HttpStatusCode Status, string Body) Answer { get; set; } = (HttpStatusCode.NoContent, "");

    /// <summary>"METHOD /path?query" of every request, in order.</summary>
    public IList<string> Requests { get; } = new List<string>();

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var request = context.Request;
            lock (Requests)
            {
                Requests.Add($"{request.HttpMethod} {request.Url!.PathAndQuery}");
            }

            var (status, body) = request.Url!.AbsolutePath.EndsWith("/version", StringComparison.Ordinal)
                ? (HttpStatusCode.OK, $$"""{"ApiVersion":"{{ApiVersion}}","MinAPIVersion":"{{MinApiVersion}}","Version":"fake"}""")
                : Answer;
            context.Response.StatusCode = (int)status;
            context.Response.ContentType = "application/json";
            var bytes = Encoding.UTF8.GetBytes(body);
            if (bytes.Length > 0)
            {
                await context.Response.OutputStream.WriteAsync(bytes);
            }

            context.Response.Close();
        }
    }

    internal static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        listener.Stop();
        try
        {
            listener.Close();
        }
        catch (HttpListenerException)
        {
            // The managed HttpListener's Close after Stop looks its endpoint up again and binds the port anew to do so;
            // with fixtures side by side another one may hold that port by then ("Address already in use"). The
            // listener is stopped already: nothing is left open.
        }

        serving.Wait(TimeSpan.FromSeconds(5));
    }
}
