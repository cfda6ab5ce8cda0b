using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ConformanceHarness.Tests.Reporting;

/// <summary>
/// Debian's chromium, headless, driven over the Chrome DevTools Protocol (its WebSocket): navigate, evaluate script,
/// collect console errors, exceptions, log entries and every request the page made, take screenshots.
/// </summary>
public sealed partial class HeadlessChromium : IAsyncDisposable
{
    private readonly Process process;
    private readonly string profile;
    private readonly ClientWebSocket socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonObject>> pending = new();
    private readonly CancellationTokenSource stop = new();
    private readonly List<JsonObject> events = [];
    private Task? receiving;
    private int nextId;

    private HeadlessChromium(Process process, string profile)
    {
        this.process = process;
        this.profile = profile;
    }

    /// <summary>Console errors, uncaught exceptions and error log entries seen so far.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (events)
            {
                return [.. events.Select(Describe).OfType<string>()];
            }
        }
    }

    /// <summary>Every URL the page requested (Network.requestWillBeSent).</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (events)
            {
                return [.. events.Where(e => (string?)e["method"] == "Network.requestWillBeSent").Select(e => (string)e["params"]!["request"]!["url"]!)];
            }
        }
    }

    public static string? Executable() =>
        new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);

    public static async Task<HeadlessChromium> StartAsync(CancellationToken cancellationToken)
    {
        var executable = Executable() ?? throw new InvalidOperationException("chromium is not installed (Debian: apt-get install chromium; run.ps1 test installs it)");
        var profile = Directory.CreateTempSubdirectory("ch-chromium-").FullName;
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-dev-shm-usage",
            $"--user-data-dir={profile}", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "--window-size=1400,1000", "about:blank",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start");
        var browser = new HeadlessChromium(process, profile);
        try
        {
            var endpoint = await ReadDevToolsEndpointAsync(process, cancellationToken);
            await browser.ConnectToPageAsync(endpoint, cancellationToken);
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    private static async Task<Uri> ReadDevToolsEndpointAsync(Process process, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var seen = new StringBuilder();
        while (await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
        {
            seen.AppendLine(line);
            var match = DevToolsLine().Match(line);
            if (match.Success)
            {
                _ = process.StandardError.ReadToEndAsync(CancellationToken.None); // keep the pipe drained
                return new Uri(match.Groups[1].Value);
            }
        }

        throw new InvalidOperationException($"chromium exited without a DevTools endpoint:\n{seen}");
    }

    private async Task ConnectToPageAsync(Uri browserEndpoint, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        var list = JsonNode.Parse(await http.GetStringAsync(new Uri($"http://{browserEndpoint.Authority}/json/list"), cancellationToken))!.AsArray();
        var page = list.First(t => (string?)t!["type"] == "page")!;
        await socket.ConnectAsync(new Uri((string)page["webSocketDebuggerUrl"]!), cancellationToken);
        receiving = ReceiveAsync();
        foreach (var domain in new[] { "Runtime.enable", "Page.enable", "Log.enable", "Network.enable" })
        {
            await SendAsync(domain, null, cancellationToken);
        }
    }

    public async Task<JsonObject> SendAsync(string method, JsonObject? parameters, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref nextId);
        var reply = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = reply;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? [] };
        await socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, cancellationToken);
        var answer = await reply.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        if (answer["error"] is { } error)
        {
            throw new InvalidOperationException($"{method}: {error.ToJsonString()}");
        }

        return answer["result"]!.AsObject();
    }

    /// <summary>Navigates and waits for the load event.</summary>
    public async Task NavigateAsync(Uri url, CancellationToken cancellationToken)
    {
        int before;
        lock (events)
        {
            before = events.Count;
        }

        await SendAsync("Page.navigate", new JsonObject { ["url"] = url.AbsoluteUri }, cancellationToken);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            lock (events)
            {
                if (events.Skip(before).Any(e => (string?)e["method"] == "Page.loadEventFired"))
                {
                    return;
                }
            }

            await Task.Delay(50, cancellationToken);
        }

        throw new TimeoutException($"{url} did not load in 30 s");
    }

    /// <summary>Evaluates an expression (promises awaited) and returns its value as JSON.</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression, CancellationToken cancellationToken)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true }, cancellationToken);
        if (result["exceptionDetails"] is { } exception)
        {
            throw new InvalidOperationException($"script threw: {exception.ToJsonString()}");
        }

        return result["result"]!["value"]?.DeepClone();
    }

    public async Task<byte[]> ScreenshotAsync(CancellationToken cancellationToken, bool fullPage = false)
    {
        var parameters = new JsonObject { ["format"] = "png", ["captureBeyondViewport"] = fullPage };
        var result = await SendAsync("Page.captureScreenshot", parameters, cancellationToken);
        return Convert.FromBase64String((string)result["data"]!);
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        try
        {
            while (!stop.IsCancellationRequested && socket.State == WebSocketState.Open)
            {
                var received = await socket.ReceiveAsync(buffer, stop.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, received.Count);
                if (!received.EndOfMessage)
                {
                    continue;
                }

                var node = JsonNode.Parse(message.ToArray())!.AsObject();
                message.SetLength(0);
                if (node["id"] is { } id && pending.TryRemove((int)id, out var reply))
                {
                    reply.TrySetResult(node);
                }
                else
                {
                    lock (events)
                    {
                        events.Add(node);
                    }
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // closing
        }
        finally
        {
            foreach (var reply in pending.Values)
            {
                reply.TrySetException(new InvalidOperationException("the DevTools connection closed"));
            }
        }
    }

    private static string? Describe(JsonObject e)
    {
        var parameters = e["params"];
        return (string?)e["method"] switch
        {
            "Runtime.exceptionThrown" => $"exception: {parameters!["exceptionDetails"]!.ToJsonString()}",
            "Runtime.consoleAPICalled" when (string?)parameters!["type"] is "error" or "assert" or "warning" => $"console.{parameters["type"]}: {parameters["args"]!.ToJsonString()}",
            "Log.entryAdded" when (string?)parameters!["entry"]!["level"] is "error" or "warning" => $"log {parameters["entry"]!["level"]}: {parameters["entry"]!["text"]} {parameters["entry"]!["url"]}",
            "Network.loadingFailed" => $"request failed: {parameters!.ToJsonString()}",
            _ => null,
        };
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (receiving is not null)
        {
            try
            {
                await receiving.WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (TimeoutException)
            {
            }
        }

        socket.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }

        process.Dispose();
        stop.Dispose();
        try
        {
            Directory.Delete(profile, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [GeneratedRegex(@"DevTools listening on (ws://\S+)")]
    private static partial Regex DevToolsLine();
}
