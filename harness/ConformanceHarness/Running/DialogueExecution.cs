using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.RegularExpressions;
using ConformanceHarness.Delivery;
using ConformanceHarness.Pop3;
using ConformanceHarness.Scenarios;
using ConformanceHarness.Smtp;
using ConformanceHarness.Targets;
using ConformanceHarness.Wire;
using Polly;
using Polly.Timeout;

namespace ConformanceHarness.Running;

/// <summary>
/// One run of one scenario's dialogue on one target: its connections, variables, transcript and grade.
/// </summary>
internal sealed class DialogueExecution : IAsyncDisposable
{
    private readonly Scenario scenario;
    private readonly RunningTarget target;
    private readonly RunOptions options;
    private readonly Capabilities capabilities;
    private readonly Transcript transcript = new();
    private readonly Dictionary<string, Connection> connections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> variables;
    private readonly List<string> notes = [];
    private readonly List<byte> pending = [];
    private Connection? current;
    private TimeSpan stepTimeout;
    private IReadOnlyList<DeliveredMessage> lastDelivered = [];
    private (string Expected, string Actual, int Line)? tolerated;
    private (string Description, string Expected, string Actual, int Line)? finding;
    private string? confirmation;
    private string confirmationDetail = string.Empty;

    public DialogueExecution(Scenario scenario, RunningTarget target, RunOptions options, Capabilities capabilities)
    {
        this.scenario = scenario;
        this.target = target;
        this.options = options;
        this.capabilities = capabilities;
        variables = VariableSet.Create(target.Profile, options.Variables);
        stepTimeout = options.Wire.StepTimeout;
    }

    private sealed class Connection(string name, WireConnection wire, bool isPop3)
    {
        public string Name { get; } = name;

        public WireConnection Wire { get; } = wire;

        public bool IsPop3 { get; } = isPop3;

        public SmtpReply? LastSmtp { get; set; }

        public Pop3Reply? LastPop3 { get; set; }

        /// <summary>Every SMTP reply read on this connection, the greeting first.</summary>
        public List<SmtpReply> SessionSmtp { get; } = [];

        /// <summary>Replies read so far (the first is the greeting, which may be slow on purpose).</summary>
        public int Replies { get; set; }

        /// <summary>Polite mode: the recipients of the open transaction, as written in RCPT TO.</summary>
        public List<string> Recipients { get; } = [];
    }

    /// <summary>A step's bad outcome: how it is graded, and the evidence.</summary>
    private sealed record Problem(Verdict Verdict, string Summary, string? Expected, string? Actual);

    public async Task<ScenarioResult> RunAsync(RoleEndpoint endpoint, CancellationToken cancellationToken)
    {
        var opened = await OpenAsync("main", scenario.Role, endpoint, cancellationToken).ConfigureAwait(false);
        if (opened is not null)
        {
            return Finish(opened.Verdict, opened.Summary, opened.Expected, opened.Actual, scenario.Steps[0].Line);
        }

        foreach (var step in scenario.Steps)
        {
            if (step is not SendStep)
            {
                var flushed = await FlushAsync(cancellationToken).ConfigureAwait(false);
                if (flushed is not null)
                {
                    return flushed.Verdict == Verdict.Pass || finding is not null
                        ? Concluded(flushed, step.Line)
                        : Finish(flushed.Verdict, flushed.Summary, flushed.Expected, flushed.Actual, step.Line);
                }
            }

            Problem? problem;
            try
            {
                problem = await ExecuteAsync(step, cancellationToken).ConfigureAwait(false);
            }
            catch (KeyNotFoundException e)
            {
                problem = new Problem(Verdict.Error, $"scenario error: {e.Message}", null, null);
            }

            if (problem is not null)
            {
                if (problem.Verdict == Verdict.Pass || finding is not null)
                {
                    return Concluded(problem, step.Line);
                }

                return Finish(problem.Verdict, problem.Summary, problem.Expected, problem.Actual, step.Line);
            }
        }

        var last = await FlushAsync(cancellationToken).ConfigureAwait(false);
        if (last is not null)
        {
            if (last.Verdict == Verdict.Pass || finding is not null)
            {
                return Concluded(last, scenario.Steps[^1].Line);
            }

            return Finish(last.Verdict, last.Summary, last.Expected, last.Actual, scenario.Steps[^1].Line);
        }

        return Concluded(null, null);
    }

    /// <summary>
    /// The dialogue is over: it ran to the end (<paramref name="stop"/> null), ended early because the rule held
    /// (a Pass-graded stop: the reply that means "refused" on a FINDING line, or the polite guard), or ended on a
    /// problem after a finding (the finding stands; the problem becomes a note).
    /// </summary>
    private ScenarioResult Concluded(Problem? stop, int? line)
    {
        if (finding is { } f)
        {
            if (stop is not null)
            {
                notes.Add($"after the finding, line {line}: {stop.Summary}");
            }

            var verdict = Graded(string.Empty, null, null).Verdict;
            var summary = confirmation is { } c ? $"{c}: {f.Description} ({f.Actual}), {confirmationDetail}" : $"{f.Description}: {f.Actual}";
            return Finish(verdict, summary, f.Expected, f.Actual, f.Line) with { Finding = f.Description, Confirmed = confirmation is not null };
        }

        if (tolerated is { } t)
        {
            var verdict = scenario.Level == Level.Info ? Verdict.Info : Verdict.Warn;
            return Finish(verdict, $"tolerated, not preferred: expected {t.Expected}, got {t.Actual}", t.Expected, t.Actual, t.Line);
        }

        return stop is null
            ? Finish(Verdict.Pass, "every expectation was met", null, null, null)
            : Finish(Verdict.Pass, stop.Summary, stop.Expected, stop.Actual, line);
    }

    public ScenarioResult Finish(Verdict verdict, string summary, string? expected, string? actual, int? line) => new()
    {
        ScenarioId = scenario.Id,
        Target = target.Name,
        Verdict = verdict,
        Summary = summary,
        Expected = expected,
        Actual = actual,
        Line = line,
        Transcript = transcript.Entries,
        Notes = [.. notes],
    };

    private async Task<Problem?> OpenAsync(string name, string role, RoleEndpoint endpoint, CancellationToken cancellationToken)
    {
        if (options.Polite is { } polite && polite.Delay > TimeSpan.Zero)
        {
            await Task.Delay(polite.Delay, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var wire = await WireConnection.ConnectAsync(endpoint.Host, endpoint.Port, endpoint.ImplicitTls, options.Wire, transcript, name, cancellationToken).ConfigureAwait(false);
            current = new Connection(name, wire, role is "pop3" or "pop3s");
            connections[name] = current;
            variables["local_ip"] = (wire.LocalAddress ?? string.Empty);
            if (string.IsNullOrEmpty(variables.GetValueOrDefault("server_ip")))
            {
                // The profile names no address: the one connected to is the server's (what [IP] relay forms need).
                variables["server_ip"] = wire.RemoteAddress ?? string.Empty;
            }

            return null;
        }
        catch (Exception e) when (e is SocketException or IOException or AuthenticationException or OperationCanceledException)
        {
            if (e is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            transcript.Note($"could not connect to {endpoint} ({role}): {e.Message}", name);
            // A refused connection means nothing listens there: the harness could not run (Error), even on a live
            // host. Only a live host that does not answer in time (tarpit, filtering) gives no grade (Inconclusive).
            var refused = e is SocketException { SocketErrorCode: SocketError.ConnectionRefused };
            var verdict = target.Live && !refused ? Verdict.Inconclusive : Verdict.Error;
            return new Problem(verdict, $"could not connect to {role} at {endpoint}: {Describe(e)}", null, null);
        }
    }

    private static string Describe(Exception e) => e is OperationCanceledException ? "connect timed out" : e.Message;

    private async Task<Problem?> ExecuteAsync(Step step, CancellationToken cancellationToken)
    {
        switch (step)
        {
            case SendStep send:
                pending.AddRange(Template.RenderBytes(send.Template, variables));
                if (send.AppendCrlf)
                {
                    pending.Add((byte)'\r');
                    pending.Add((byte)'\n');
                }

                return null;
            case ExpectStep expect:
                return await ExpectAsync(expect, cancellationToken).ConfigureAwait(false);
            case TlsStep tls:
                return await TlsAsync(tls.OrClose, cancellationToken).ConfigureAwait(false);
            case ExpectCloseStep:
                return await ExpectCloseAsync(cancellationToken).ConfigureAwait(false);
            case ExpectSilenceStep silence:
                return await ExpectSilenceAsync(silence.Window, cancellationToken).ConfigureAwait(false);
            case FillStep fill:
                return await FillAsync(fill, cancellationToken).ConfigureAwait(false);
            case PauseStep pause:
                await Task.Delay(pause.Duration, cancellationToken).ConfigureAwait(false);
                return null;
            case TimeoutStep timeout:
                stepTimeout = timeout.Duration;
                return null;
            case ConnectStep connect:
                var role = connect.Role ?? scenario.Role;
                if (!target.Roles.TryGetValue(role, out var endpoint))
                {
                    return new Problem(Verdict.Skip, $"the target serves no '{role}' role", null, null);
                }

                return await OpenAsync(connect.Name, role, endpoint, cancellationToken).ConfigureAwait(false);
            case UseStep use:
                if (!connections.TryGetValue(use.Name, out var chosen))
                {
                    return new Problem(Verdict.Error, $"scenario error: no connection named '{use.Name}'", null, null);
                }

                current = chosen;
                return null;
            case DropStep:
                Current.Wire.Abort();
                return null;
            case SetStep set:
                variables[set.Name] = Template.RenderText(set.Template, variables);
                return null;
            case AssertStep assert:
                var failure = ReplyChecks.Evaluate(assert.Check, Template.RenderText(assert.Arguments, variables), new CheckContext(current?.LastSmtp, current?.LastPop3, lastDelivered, variables) { SessionSmtp = current is null ? [] : [.. current.SessionSmtp] });
                return failure is null ? null : Graded($"check {assert.Check} failed: {failure}", $"ASSERT {assert.Check} {assert.Arguments}".TrimEnd(), failure);
            case DeliveryStep delivery:
                return await DeliveryAsync(delivery, cancellationToken).ConfigureAwait(false);
            case LocateStep locate:
                return await LocateAsync(locate, cancellationToken).ConfigureAwait(false);
            case ConfirmStep confirm:
                await ConfirmAsync(confirm, cancellationToken).ConfigureAwait(false);
                return null;
            default:
                return new Problem(Verdict.Error, $"step {step.GetType().Name} is not supported", null, null);
        }
    }

    private Connection Current => current ?? throw new InvalidOperationException("no connection is open");

    /// <summary>The most a FILL step sends: far above any SIZE limit a bundled or student server sets.</summary>
    private const long MaxFillOctets = 512L * 1024 * 1024;

    /// <summary>One FILL line: 76 printable octets (never a leading period, so no dot-stuffing) and CRLF.</summary>
    private static readonly byte[] FillLine = System.Text.Encoding.ASCII.GetBytes("FILL-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJKLMNOPQRSTUVWXYZ-012345\r\n");

    /// <summary>
    /// FILL: at least N octets of message text, in 64 KiB writes, each under the step timeout. A server that stops
    /// reading or closes part-way is graded by the next step, as with any other send.
    /// </summary>
    private async Task<Problem?> FillAsync(FillStep fill, CancellationToken cancellationToken)
    {
        var text = Template.RenderText(fill.OctetsTemplate, variables);
        if (ReplyChecks.Sum(text.EndsWith(" octets", StringComparison.Ordinal) ? text[..^" octets".Length] : text) is not { } octets || octets < 0 || octets > MaxFillOctets)
        {
            return new Problem(Verdict.Error, $"scenario error: FILL needs a number of octets from 0 to {MaxFillOctets} (a sum such as '10240000 + 4096'), got '{text}'", null, null);
        }

        var lines = (octets + FillLine.Length - 1) / FillLine.Length;
        const int LinesPerWrite = 840;
        var chunk = new byte[LinesPerWrite * FillLine.Length];
        for (var i = 0; i < LinesPerWrite; i++)
        {
            FillLine.CopyTo(chunk, i * FillLine.Length);
        }

        transcript.Note($"FILL: sending {lines} line(s) of {FillLine.Length} octets ({lines * FillLine.Length} octets of message text, not copied here)", Current.Name);
        for (var sent = 0L; sent < lines;)
        {
            var now = (int)Math.Min(LinesPerWrite, lines - sent);
            var done = sent * FillLine.Length;
            var (written, problem) = await WriteAsync(
                ct => Current.Wire.SendUnrecordedAsync(chunk.AsMemory(0, now * FillLine.Length), ct),
                $"FILL: the server stopped reading after {done} octets (no progress within {stepTimeout.TotalSeconds:0.#}s)",
                $"FILL: send failed after {done} octets",
                cancellationToken).ConfigureAwait(false);
            if (!written)
            {
                return problem;
            }

            sent += now;
        }

        return null;
    }

    /// <summary>
    /// One write under the step timeout. A server that stops reading is a Timeout problem (<paramref name="stalled"/>);
    /// one that closed or reset is only noted (<paramref name="broken"/>): the next expectation decides whether that
    /// was allowed. <c>Written</c> is false in both cases.
    /// </summary>
    private async Task<(bool Written, Problem? Problem)> WriteAsync(Func<CancellationToken, Task> write, string stalled, string broken, CancellationToken cancellationToken)
    {
        try
        {
            await WithTimeoutAsync(ct => new ValueTask(write(ct)), cancellationToken).ConfigureAwait(false);
            return (true, null);
        }
        catch (TimeoutRejectedException)
        {
            return (false, ReadProblem(new ReadFailure(ReadFailureKind.Timeout, stalled), "the send to complete"));
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            transcript.Note($"{broken}: {e.InnerException?.Message ?? e.Message}", Current.Name);
            return (false, null);
        }
    }

    private async Task<Problem?> FlushAsync(CancellationToken cancellationToken)
    {
        if (pending.Count == 0)
        {
            return null;
        }

        var bytes = pending.ToArray();
        pending.Clear();
        if (options.Polite is { } polite)
        {
            if (polite.Delay > TimeSpan.Zero)
            {
                await Task.Delay(polite.Delay, cancellationToken).ConfigureAwait(false);
            }

            var (allowed, withheld) = PoliteGuard(bytes, polite);
            if (withheld is not null)
            {
                if (allowed.Length > 0)
                {
                    await SendQuietlyAsync(allowed, cancellationToken).ConfigureAwait(false);
                }

                transcript.Note($"polite probe: {withheld}; not sent — RSET and QUIT instead", Current.Name);
                await PoliteGoodbyeAsync(cancellationToken).ConfigureAwait(false);
                return new Problem(Verdict.Pass, $"polite probe: stopped before DATA ({withheld})", null, null);
            }
        }

        var (_, problem) = await WriteAsync(
            ct => Current.Wire.SendAsync(bytes, ct),
            $"sending did not complete within {stepTimeout.TotalSeconds:0.#}s (the server stopped reading)",
            "send failed",
            cancellationToken).ConfigureAwait(false);
        return problem;
    }

    /// <summary>
    /// Splits what is about to be written at the first DATA/BDAT line that polite mode forbids: everything before it
    /// may go out; that line and everything after it never do. Tracks each connection's RCPTs for the exception.
    /// </summary>
    private (byte[] Allowed, string? Withheld) PoliteGuard(byte[] bytes, PoliteMode polite)
    {
        var start = 0;
        while (start < bytes.Length)
        {
            var end = Array.IndexOf(bytes, (byte)'\n', start);
            var next = end < 0 ? bytes.Length : end + 1;
            var line = System.Text.Encoding.Latin1.GetString(bytes, start, next - start).Trim().ToUpperInvariant();
            if (line.StartsWith("MAIL", StringComparison.Ordinal) || line.StartsWith("RSET", StringComparison.Ordinal)
                || line.StartsWith("EHLO", StringComparison.Ordinal) || line.StartsWith("HELO", StringComparison.Ordinal))
            {
                Current.Recipients.Clear();
            }
            else if (line.StartsWith("RCPT", StringComparison.Ordinal))
            {
                Current.Recipients.Add(line);
            }
            else if (line == "DATA" || line.StartsWith("DATA ", StringComparison.Ordinal) || line.StartsWith("BDAT", StringComparison.Ordinal))
            {
                var confirmable = polite.ConfirmRecipient is not null && Current.Recipients.Count > 0 && Current.Recipients.All(polite.IsConfirmRecipient);
                if (!confirmable)
                {
                    var why = polite.ConfirmRecipient is null
                        ? $"{line.Split(' ')[0]} is never sent without --confirm-to"
                        : $"{line.Split(' ')[0]} is sent only when every recipient is {polite.ConfirmRecipient}";
                    return (bytes[..start], why);
                }
            }

            start = next;
        }

        return (bytes, null);
    }

    /// <summary>Ends the transaction and the session without sending a message: RSET, QUIT, replies read if they come.</summary>
    private async Task PoliteGoodbyeAsync(CancellationToken cancellationToken)
    {
        foreach (var command in new[] { "RSET", "QUIT" })
        {
            if (Current.Wire.IsClosed || Current.IsPop3)
            {
                return;
            }

            await SendQuietlyAsync(System.Text.Encoding.ASCII.GetBytes(command + "\r\n"), cancellationToken).ConfigureAwait(false);
            try
            {
                await WithTimeoutAsync(ct => new ValueTask<(SmtpReply?, ReadFailure?)>(SmtpReplyReader.ReadAsync(Current.Wire, options.Wire, ct)), cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutRejectedException)
            {
                return;
            }
        }
    }

    private async Task SendQuietlyAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        try
        {
            await WithTimeoutAsync(ct => new ValueTask(Current.Wire.SendAsync(bytes, ct)), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or TimeoutRejectedException)
        {
            transcript.Note($"send failed: {e.Message}", Current.Name);
        }
    }

    private async Task<Problem?> ExpectAsync(ExpectStep step, CancellationToken cancellationToken)
    {
        var expectation = step.Expectation;
        var connection = Current;
        ReadFailure? failure;
        string actual;
        Func<IReadOnlyList<ReplyPattern>, bool> Matches;
        string replyText;
        if (connection.IsPop3)
        {
            Pop3Reply? reply;
            try
            {
                (reply, failure) = await WithTimeoutAsync(ct => new ValueTask<(Pop3Reply?, ReadFailure?)>(Pop3ReplyReader.ReadAsync(connection.Wire, options.Wire, step.MultiLine, ct)), cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutRejectedException)
            {
                (reply, failure) = (null, new ReadFailure(ReadFailureKind.Timeout, $"no complete response within {stepTimeout.TotalSeconds:0.#}s"));
            }

            connection.Replies++;
            connection.LastPop3 = reply ?? connection.LastPop3;
            if (reply is not null)
            {
                variables["reply_code"] = reply.Ok ? "+OK" : "-ERR";
                variables["reply_text"] = reply.Text;
            }

            actual = reply?.ToString() ?? failure!.ToString();
            replyText = reply?.Text ?? string.Empty;
            if (reply is not null)
            {
                var ok = reply.Ok;
                Matches = patterns => patterns.Any(p => p.MatchesPop3(ok));
            }
            else
            {
                Matches = patterns => failure!.Kind is ReadFailureKind.Closed or ReadFailureKind.Reset && patterns.Any(p => p.IsClose);
            }
        }
        else
        {
            SmtpReply? reply;
            try
            {
                var first = connection.Replies == 0 && options.Polite is { } polite && polite.GreetingTimeout > stepTimeout;
                var pipeline = first ? StepPipelines.For(options.Polite!.GreetingTimeout) : Pipeline();
                (reply, failure) = await pipeline.ExecuteAsync(ct => new ValueTask<(SmtpReply?, ReadFailure?)>(SmtpReplyReader.ReadAsync(connection.Wire, options.Wire, ct)), cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutRejectedException)
            {
                (reply, failure) = (null, new ReadFailure(ReadFailureKind.Timeout, $"no complete reply within {stepTimeout.TotalSeconds:0.#}s"));
            }

            connection.Replies++;
            connection.LastSmtp = reply ?? connection.LastSmtp;
            if (reply is not null)
            {
                connection.SessionSmtp.Add(reply);
                variables["reply_code"] = reply.Code.ToString(System.Globalization.CultureInfo.InvariantCulture);
                variables["reply_text"] = reply.Text;
            }

            actual = reply?.ToString() ?? failure!.ToString();
            replyText = reply?.Text ?? string.Empty;
            if (reply is not null)
            {
                var code = reply.Code;
                Matches = patterns => patterns.Any(p => p.MatchesSmtp(code));
            }
            else
            {
                Matches = patterns => failure!.Kind is ReadFailureKind.Closed or ReadFailureKind.Reset && patterns.Any(p => p.IsClose);
            }

            // A live server that is greylisting, rate limiting or shutting down gives no grade.
            if (reply is not null && target.Live && reply.Class == 4 && !Matches(expectation.Preferred) && !Matches(expectation.Tolerated)
                && !(expectation.Finding is { } branch && Matches(branch.Patterns)))
            {
                return new Problem(Verdict.Inconclusive, $"transient refusal {reply.Code} (greylisting, rate limit or shutdown): no grade", expectation.Source, actual);
            }
        }

        if (expectation.Finding is { } found)
        {
            if (Matches(expectation.Preferred))
            {
                // The rule held: what follows would only confirm a finding, so the dialogue ends here.
                return CheckText(expectation, replyText, actual, failure) ?? new Problem(Verdict.Pass, $"the rule held: {actual}", expectation.Source, actual);
            }

            if (Matches(found.Patterns))
            {
                finding ??= (found.Description, expectation.Source, actual, step.Line);
                notes.Add($"line {step.Line}: finding — {found.Description} ({actual})");
                return null;
            }
        }

        if (Matches(expectation.Preferred))
        {
            return CheckText(expectation, replyText, actual, failure);
        }

        if (Matches(expectation.Tolerated))
        {
            tolerated ??= (string.Join(" | ", expectation.Preferred), actual, step.Line);
            notes.Add($"line {step.Line}: tolerated fallback — expected {string.Join(" | ", expectation.Preferred)}, got {actual}");
            return CheckText(expectation, replyText, actual, failure);
        }

        if (failure is not null)
        {
            return ReadProblem(failure, expectation.Source);
        }

        return Graded($"expected {expectation.Source}, got {actual}", expectation.Source, actual);
    }

    private Problem? CheckText(Expectation expectation, string text, string actual, ReadFailure? failure)
    {
        if (expectation.TextPattern is null || failure is not null)
        {
            return null;
        }

        Match match;
        try
        {
            match = expectation.TextPattern.Match(text);
        }
        catch (RegexMatchTimeoutException e)
        {
            // The scenario's regex backtracks without end on this reply: the scenario's fault, not the server's.
            return new Problem(Verdict.Error, $"scenario error: regex /{expectation.TextPattern}/ did not finish within {e.MatchTimeout.TotalSeconds:0.#}s on the reply (catastrophic backtracking)", expectation.Source, actual);
        }

        if (!match.Success)
        {
            return Graded($"reply text does not match /{expectation.TextPattern}/", expectation.Source, actual);
        }

        foreach (var group in expectation.TextPattern.GetGroupNames().Where(g => !int.TryParse(g, out _)))
        {
            variables[group] = match.Groups[group].Value;
        }

        return null;
    }

    /// <summary>A broken expectation, weighed by the scenario's level.</summary>
    private Problem Graded(string summary, string? expected, string? actual) => new(
        scenario.Level switch
        {
            Level.Must or Level.Security => Verdict.Fail,
            Level.Should => Verdict.Warn,
            _ => Verdict.Info,
        },
        summary,
        expected,
        actual);

    /// <summary>The server failed to produce a reply: silence, close, reset, garbage, or too much.</summary>
    private Problem ReadProblem(ReadFailure failure, string expected)
    {
        if (failure.Kind == ReadFailureKind.Timeout && target.Live)
        {
            return new Problem(Verdict.Inconclusive, $"{failure.Detail} (a live server may be tarpitting): no grade", expected, failure.ToString());
        }

        var what = failure.Kind switch
        {
            ReadFailureKind.Timeout => "the server did not answer in time",
            ReadFailureKind.Closed => "the server closed the connection",
            ReadFailureKind.Reset => "the connection was reset",
            ReadFailureKind.TooLarge => "the server sent more than the harness accepts",
            _ => "the server sent a malformed reply",
        };
        return new Problem(Verdict.Fail, $"{what}: {failure.Detail}", expected, failure.ToString());
    }

    private async Task<Problem?> TlsAsync(bool orClose, CancellationToken cancellationToken)
    {
        try
        {
            await WithTimeoutAsync(ct => new ValueTask(Current.Wire.UpgradeToTlsAsync(target.Profile.Identity.Hostname, ct)), cancellationToken).ConfigureAwait(false);
            Current.LastSmtp = null;
            Current.LastPop3 = null;
            return null;
        }
        catch (TimeoutRejectedException)
        {
            return new Problem(Verdict.Fail, $"TLS handshake did not complete within {stepTimeout.TotalSeconds:0.#}s", "TLS handshake", "timeout");
        }
        catch (Exception e) when (e is AuthenticationException or IOException or SocketException)
        {
            transcript.Note($"TLS handshake failed: {e.Message}", Current.Name);
            if (orClose)
            {
                return new Problem(Verdict.Pass, $"the server ended the connection instead of completing TLS ({e.Message}): nothing was answered inside TLS", "TLS handshake or close", e.Message);
            }

            return new Problem(Verdict.Fail, $"TLS handshake failed: {e.Message}", "TLS handshake", e.Message);
        }
    }

    private async Task<Problem?> ExpectCloseAsync(CancellationToken cancellationToken)
    {
        try
        {
            var (_, received) = await WithTimeoutAsync(ct => new ValueTask<(bool, byte[])>(Current.Wire.WaitForCloseAsync(ct)), cancellationToken).ConfigureAwait(false);
            return received.Length == 0
                ? null
                : Graded($"the server sent {received.Length} more byte(s) before closing", "close", Transcript.Visible(received));
        }
        catch (TimeoutRejectedException)
        {
            return Graded($"the connection was still open after {stepTimeout.TotalSeconds:0.#}s", "close", "still open");
        }
    }

    private async Task<Problem?> ExpectSilenceAsync(TimeSpan window, CancellationToken cancellationToken)
    {
        var (received, _) = await Current.Wire.CollectAsync(window, cancellationToken).ConfigureAwait(false);
        return received.Length == 0
            ? null
            : Graded($"the server sent data when it should have stayed silent: {Transcript.Visible(received)}", $"silence for {window.TotalSeconds:0.#}s", Transcript.Visible(received));
    }

    /// <summary>LOCATE: LIST, then TOP n 0 (RETR n where TOP is refused) from the last message down until one carries the token.</summary>
    private async Task<Problem?> LocateAsync(LocateStep step, CancellationToken cancellationToken)
    {
        var token = Template.RenderText(step.TokenTemplate, variables);
        if (!Current.IsPop3)
        {
            return new Problem(Verdict.Error, "scenario error: LOCATE needs a POP3 connection", null, null);
        }

        var (list, failure) = await Pop3CommandAsync("LIST", cancellationToken).ConfigureAwait(false);
        if (list is null)
        {
            return ReadProblem(failure!, "LIST: +OK and a scan listing");
        }

        if (!list.Ok)
        {
            return Graded($"LOCATE {token}: LIST was refused", "+OK", list.Raw);
        }

        var numbers = list.Body!.Select(l => l.Split(' ')[0]).Where(n => n.Length > 0 && n.All(char.IsAsciiDigit)).Reverse().ToList();
        foreach (var number in numbers)
        {
            var (top, topFailure) = await Pop3CommandAsync($"TOP {number} 0", cancellationToken).ConfigureAwait(false);
            if (top is { Ok: false })
            {
                (top, topFailure) = await Pop3CommandAsync($"RETR {number}", cancellationToken).ConfigureAwait(false);
            }

            if (top is null)
            {
                return ReadProblem(topFailure!, $"TOP {number} 0: +OK and the headers");
            }

            if (top.Ok && top.Body!.Any(l => l.Contains(token, StringComparison.Ordinal)))
            {
                variables[step.Name] = number;
                transcript.Note($"LOCATE: message {number} carries {token}", Current.Name);
                return null;
            }
        }

        return Graded($"LOCATE: none of the {numbers.Count} message(s) in the scan listing carries {token}", $"a message carrying {token}", $"{numbers.Count} message(s), none with it");
    }

    /// <summary>Sends one POP3 command and reads its multi-line response; the response becomes the last one for ASSERT.</summary>
    private async Task<(Pop3Reply? Reply, ReadFailure? Failure)> Pop3CommandAsync(string command, CancellationToken cancellationToken)
    {
        var connection = Current;
        try
        {
            await WithTimeoutAsync(ct => new ValueTask(connection.Wire.SendAsync(System.Text.Encoding.ASCII.GetBytes(command + "\r\n"), ct)), cancellationToken).ConfigureAwait(false);
            var (reply, failure) = await WithTimeoutAsync(ct => new ValueTask<(Pop3Reply?, ReadFailure?)>(Pop3ReplyReader.ReadAsync(connection.Wire, options.Wire, multiLine: true, ct)), cancellationToken).ConfigureAwait(false);
            connection.LastPop3 = reply ?? connection.LastPop3;
            return (reply, failure);
        }
        catch (TimeoutRejectedException)
        {
            return (null, new ReadFailure(ReadFailureKind.Timeout, $"no complete response to {command} within {stepTimeout.TotalSeconds:0.#}s"));
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            return (null, new ReadFailure(ReadFailureKind.Closed, $"{command}: {e.Message}"));
        }
    }

        private async Task<Problem?> DeliveryAsync(DeliveryStep step, CancellationToken cancellationToken)
    {
        if (!target.Oracles.TryGetValue(step.Where, out var oracle))
        {
            return new Problem(Verdict.Skip, $"the target has no '{step.Where}' delivery oracle", null, null);
        }

        var token = Template.RenderText(step.TokenTemplate, variables);
        var wanted = step.Delivered ? step.Count ?? 1 : 1;
        var all = await oracle.WaitAsync(token, step.Count is { } c ? c + 1 : wanted, step.Within, cancellationToken).ConfigureAwait(false);

        // A bounce quoting the message proves a later bounce, not a delivery: it is reported, never counted.
        var messages = all.Where(m => !m.IsBounce).ToList();
        var bounces = all.Count - messages.Count;
        if (bounces > 0)
        {
            notes.Add($"{step.Where}: {bounces} bounce(s) quoting {token} arrived (accepted, then bounced later)");
        }

        lastDelivered = messages;
        NoteHeaders(step.Where, messages, step.Show);
        transcript.Note($"{step.Where}: {messages.Count} message(s) carrying {token}{(bounces > 0 ? $" and {bounces} bounce(s)" : string.Empty)} after up to {step.Within.TotalSeconds:0.#}s");
        var expected = step.Delivered
            ? $"{(step.Count is { } n ? $"exactly {n}" : "at least 1")} message(s) with {token} at the {step.Where} within {step.Within.TotalSeconds:0.#}s"
            : $"no message with {token} at the {step.Where} within {step.Within.TotalSeconds:0.#}s";
        var ok = step.Delivered
            ? (step.Count is { } count ? messages.Count == count : messages.Count >= 1)
            : messages.Count == 0;
        return ok ? null : Graded(step.Delivered ? $"delivery oracle: {messages.Count} message(s) arrived" : $"delivery oracle: {messages.Count} message(s) arrived that must not have", expected, $"{messages.Count} message(s)");
    }

    private async Task ConfirmAsync(ConfirmStep step, CancellationToken cancellationToken)
    {
        var token = Template.RenderText(step.TokenTemplate, variables);
        if (!target.Oracles.TryGetValue(step.Where, out var oracle))
        {
            notes.Add($"line {step.Line}: not confirmed — the target has no '{step.Where}' delivery oracle");
            return;
        }

        var all = await oracle.WaitAsync(token, 1, step.Within, cancellationToken).ConfigureAwait(false);
        var messages = all.Where(m => !m.IsBounce).ToList();
        var bounces = all.Count - messages.Count;
        transcript.Note($"{step.Where}: {messages.Count} message(s) carrying {token}{(bounces > 0 ? $" and {bounces} bounce(s)" : string.Empty)} after up to {step.Within.TotalSeconds:0.#}s");
        lastDelivered = messages;
        NoteHeaders(step.Where, messages, step.Show);
        if (messages.Count > 0)
        {
            if (finding is not null)
            {
                confirmation = step.Label;
                confirmationDetail = $"and the message carrying {token} arrived at the {step.Where}";
            }

            notes.Add($"line {step.Line}: {step.Label} — {messages.Count} message(s) carrying {token} arrived at the {step.Where}");
        }
        else if (bounces > 0)
        {
            notes.Add($"line {step.Line}: accepted, then bounced — only {bounces} bounce(s) quoting {token} reached the {step.Where} (not a confirmed delivery)");
        }
        else
        {
            notes.Add($"line {step.Line}: not confirmed — nothing carrying {token} reached the {step.Where} within {step.Within.TotalSeconds:0.#}s");
        }
    }

    /// <summary>What a recipient of the delivered copy sees: the named header lines (e.g. From, Received) of the first message.</summary>
    private void NoteHeaders(string where, List<DeliveredMessage> messages, IReadOnlyList<string>? show)
    {
        if (show is null || show.Count == 0 || messages.Count == 0)
        {
            return;
        }

        var lines = DeliveredHeaders.Named(messages[0], show);
        notes.Add($"a recipient sees ({where} copy): {(lines.Count == 0 ? "none of " + string.Join(", ", show) : string.Join(" | ", lines))}");
    }

    private async ValueTask WithTimeoutAsync(Func<CancellationToken, ValueTask> action, CancellationToken cancellationToken) =>
        await Pipeline().ExecuteAsync(action, cancellationToken).ConfigureAwait(false);

    private async ValueTask<T> WithTimeoutAsync<T>(Func<CancellationToken, ValueTask<T>> action, CancellationToken cancellationToken) =>
        await Pipeline().ExecuteAsync(action, cancellationToken).ConfigureAwait(false);

    /// <summary>Polly timeout, no retry: a retried protocol step would hide non-conformance.</summary>
    private ResiliencePipeline Pipeline() => StepPipelines.For(stepTimeout);

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in connections.Values)
        {
            await connection.Wire.DisposeAsync().ConfigureAwait(false);
        }
    }
}
